//! The path of the field that does not read (`input.results[2].value`, `bands[0].taille`),
//! found as the error goes back up through the reader instead of being followed down.
//!
//! A reader wraps serde_json's: each map value, list element and enum variant it reads is
//! given its place (the key, the index, the variant's name); on success nothing more happens,
//! and when an error comes back up through a place, that place is added to the path. The
//! path is the one serde_path_to_error's reader gives (same segments, same text: a test
//! compares them on every request of the conformance corpus, the ACI's parameter files and
//! thousands of mistakes made of them), without building the chain of every field as it
//! reads (serde_path_to_error copies each key into a string, twice: once for the key, once
//! for its value). A key borrowed from the text is kept as a reference; one that had to be
//! copied (escaped, or a number) is kept once in the track.
//!
//! In the wasm, where this is the only reader (see [`super::read`]), it made the module's code
//! 171 047 bytes smaller (2 158 354 → 1 987 307 raw; gzip -9 509 113 → 508 745, brotli -q 11
//! 381 320 → 379 862: the copies compressed well) and `evaluate_year` under Node 10–30 %
//! faster (BENCHMARKS.md, « The path of a field that does not read »). Natively the plain
//! reading comes first and this one only reads a request that failed: it is about as fast
//! there as serde_path_to_error (glibc's allocator makes the copies cheap).
//!
//! Like serde_path_to_error's, the path is the one of the first error: a type that reads
//! something, fails and tries something else would leave its first error's places in the
//! path (none of the library's types does).

use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::mem;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, Visitor};

/// Reads a `T` from `de`; on error, the path of the field where it happened (`.` for the
/// document itself) and the error.
pub(crate) fn deserialize<'de, D, T>(de: D) -> Result<T, (String, D::Error)>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let track = Track::default();
    T::deserialize(Tracking { de, track: &track }).map_err(|e| (track.path(), e))
}

/// The places an error went up through, innermost first.
#[derive(Default)]
struct Track {
    places: RefCell<Vec<Segment>>,
    /// The keys that had to be copied to be kept.
    kept: RefCell<Vec<String>>,
}

/// One place of a path.
enum Segment {
    /// An element of a list, `[2]`.
    Index(usize),
    /// A map's key or an enum's variant, as read.
    Key(String),
    /// A key that was not read (a syntax error where it should be), `?`.
    Unknown,
}

/// A place as the reader knows it while reading: nothing to free (a key borrowed from the
/// text, or kept in the track when it had to be copied: an escaped key, a number).
#[derive(Clone, Copy)]
enum Place<'de> {
    /// No place of its own (a newtype variant's value: its variant is the place).
    Nothing,
    Index(usize),
    Borrowed(&'de str),
    /// The n-th key kept in the track.
    Kept(usize),
    Unknown,
}

impl Track {
    /// An error went up through `place`.
    #[cold]
    #[inline(never)]
    fn went_through(&self, place: Place<'_>) {
        let segment = match place {
            Place::Nothing => return,
            Place::Index(i) => Segment::Index(i),
            Place::Borrowed(key) => Segment::Key(key.to_owned()),
            Place::Kept(n) => Segment::Key(self.kept.borrow()[n].clone()),
            Place::Unknown => Segment::Unknown,
        };
        self.places.borrow_mut().push(segment);
    }

    /// Keeps a key that is not in the text as it is read (linear: one copy per such key).
    #[inline(never)]
    fn keep(&self, key: &str) -> Place<'static> {
        let mut kept = self.kept.borrow_mut();
        kept.push(key.to_owned());
        Place::Kept(kept.len() - 1)
    }

    /// The path: `a.b[2].c`, `.` when the error is the document's own.
    fn path(&self) -> String {
        let places = self.places.borrow();
        if places.is_empty() {
            return ".".to_owned();
        }
        let mut path = String::new();
        for (n, segment) in places.iter().rev().enumerate() {
            let _ = match segment {
                Segment::Index(i) => write!(path, "[{i}]"),
                Segment::Key(key) => {
                    if n > 0 {
                        path.push('.');
                    }
                    path.write_str(key)
                }
                Segment::Unknown => {
                    if n > 0 {
                        path.push('.');
                    }
                    path.write_str("?")
                }
            };
        }
        path
    }
}

/// A reader whose maps, lists and enums give their places to what they read.
struct Tracking<'t, D> {
    de: D,
    track: &'t Track,
}

/// A visitor whose maps, lists and enums are tracked.
struct Visiting<'t, V> {
    visitor: V,
    track: &'t Track,
}

/// A value read at a place: an error coming out of it goes through the place.
struct AtPlace<'t, 'de, S> {
    seed: S,
    track: &'t Track,
    place: Place<'de>,
}

impl<'t, 'de, S> AtPlace<'t, 'de, S> {
    fn new(seed: S, track: &'t Track, place: Place<'de>) -> Self {
        AtPlace { seed, track, place }
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for AtPlace<'_, 'de, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        let AtPlace { seed, track, place } = self;
        seed.deserialize(Tracking { de, track })
            .inspect_err(|_| track.went_through(place))
    }
}

/// Forwards every method of `Deserializer` to `self.de`, the visitor wrapped in
/// `$wrap { visitor, $field: self.$field }`.
macro_rules! forward_deserializer {
    ($wrap:ident, $field:ident) => {
        forward_deserializer!(@ $wrap, $field;
            deserialize_any(), deserialize_bool(), deserialize_i8(), deserialize_i16(),
            deserialize_i32(), deserialize_i64(), deserialize_i128(), deserialize_u8(),
            deserialize_u16(), deserialize_u32(), deserialize_u64(), deserialize_u128(),
            deserialize_f32(), deserialize_f64(), deserialize_char(), deserialize_str(),
            deserialize_string(), deserialize_bytes(), deserialize_byte_buf(),
            deserialize_option(), deserialize_unit(),
            deserialize_unit_struct(name: &'static str),
            deserialize_newtype_struct(name: &'static str), deserialize_seq(),
            deserialize_tuple(len: usize), deserialize_tuple_struct(name: &'static str, len: usize),
            deserialize_map(),
            deserialize_struct(name: &'static str, fields: &'static [&'static str]),
            deserialize_enum(name: &'static str, variants: &'static [&'static str]),
            deserialize_identifier(), deserialize_ignored_any());

        fn is_human_readable(&self) -> bool {
            self.de.is_human_readable()
        }
    };
    (@ $wrap:ident, $field:ident; $($method:ident($($arg:ident: $ty:ty),*)),*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.de.$method($($arg,)* $wrap { visitor, $field: self.$field })
        }
    )*};
}

/// Forwards the `visit_` methods of `Visitor` that take a value to `self.visitor`.
macro_rules! forward_visits {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.visitor.$method(v)
        }
    )*};
}

/// Forwards what every visitor here passes on as it is: `expecting`, `visit_none`,
/// `visit_unit`, floats, characters and bytes.
macro_rules! forward_plain {
    () => {
        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            self.visitor.expecting(formatter)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            self.visitor.visit_none()
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            self.visitor.visit_unit()
        }

        forward_visits!(
            visit_f32(f32),
            visit_f64(f64),
            visit_char(char),
            visit_bytes(&[u8]),
            visit_borrowed_bytes(&'de [u8]),
            visit_byte_buf(Vec<u8>)
        );
    };
}

/// Calls `$m!` with the `visit_` methods of `Visitor` that take an integer.
macro_rules! with_integers {
    ($m:ident) => {
        $m!(
            visit_i8(i8),
            visit_i16(i16),
            visit_i32(i32),
            visit_i64(i64),
            visit_i128(i128),
            visit_u8(u8),
            visit_u16(u16),
            visit_u32(u32),
            visit_u64(u64),
            visit_u128(u128)
        );
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Tracking<'_, D> {
    type Error = D::Error;

    forward_deserializer!(Visiting, track);
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Visiting<'_, V> {
    type Value = V::Value;

    forward_plain!();

    with_integers!(forward_visits);

    forward_visits!(
        visit_bool(bool),
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(String)
    );

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        let track = self.track;
        self.visitor.visit_some(Tracking { de, track })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        let track = self.track;
        self.visitor.visit_newtype_struct(Tracking { de, track })
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        let track = self.track;
        self.visitor.visit_seq(Seq {
            access,
            track,
            index: 0,
        })
    }

    fn visit_map<A: de::MapAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        let track = self.track;
        self.visitor.visit_map(Map {
            access,
            track,
            key: Place::Unknown,
        })
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        let track = self.track;
        self.visitor.visit_enum(Enum { access, track })
    }
}

/// A list whose elements are read at their index.
struct Seq<'t, A> {
    access: A,
    track: &'t Track,
    index: usize,
}

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for Seq<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let place = Place::Index(self.index);
        self.index += 1;
        self.access
            .next_element_seed(AtPlace::new(seed, self.track, place))
    }

    fn size_hint(&self) -> Option<usize> {
        self.access.size_hint()
    }
}

/// A map whose values are read at their key (the key last read).
struct Map<'t, 'de, A> {
    access: A,
    track: &'t Track,
    key: Place<'de>,
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for Map<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let track = self.track;
        let key = &mut self.key;
        let read = self.access.next_key_seed(KeySeed {
            seed,
            keep: Keep {
                key: &mut *key,
                track,
            },
        });
        // A key that does not read (unknown, or not text) is the error's place.
        read.inspect_err(|_| track.went_through(mem::replace(key, Place::Unknown)))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let place = mem::replace(&mut self.key, Place::Unknown);
        self.access
            .next_value_seed(AtPlace::new(seed, self.track, place))
    }

    fn size_hint(&self) -> Option<usize> {
        self.access.size_hint()
    }
}

/// An enum whose variant is the place of what it holds.
struct Enum<'t, A> {
    access: A,
    track: &'t Track,
}

impl<'t, 'de, A: de::EnumAccess<'de>> de::EnumAccess<'de> for Enum<'t, A> {
    type Error = A::Error;
    type Variant = Variant<'t, 'de, A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let mut key = Place::Unknown;
        let (value, access) = self.access.variant_seed(KeySeed {
            seed,
            keep: Keep {
                key: &mut key,
                track: self.track,
            },
        })?;
        Ok((
            value,
            Variant {
                access,
                track: self.track,
                key,
            },
        ))
    }
}

/// An enum's variant, read: the place of its value.
struct Variant<'t, 'de, A> {
    access: A,
    track: &'t Track,
    key: Place<'de>,
}

impl<'de, A: de::VariantAccess<'de>> de::VariantAccess<'de> for Variant<'_, 'de, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        let Variant { access, track, key } = self;
        access
            .unit_variant()
            .inspect_err(|_| track.went_through(key))
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        let Variant { access, track, key } = self;
        let seed = AtPlace::new(seed, track, Place::Nothing);
        access
            .newtype_variant_seed(seed)
            .inspect_err(|_| track.went_through(key))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        let Variant { access, track, key } = self;
        access
            .tuple_variant(len, Visiting { visitor, track })
            .inspect_err(|_| track.went_through(key))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let Variant { access, track, key } = self;
        access
            .struct_variant(fields, Visiting { visitor, track })
            .inspect_err(|_| track.went_through(key))
    }
}

/// A key (or a variant's name) read, and kept as the place of what follows.
struct KeySeed<'k, 't, 'de, S> {
    seed: S,
    keep: Keep<'k, 't, 'de>,
}

/// Where a key read is kept.
struct Keep<'k, 't, 'de> {
    key: &'k mut Place<'de>,
    track: &'t Track,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, '_, 'de, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(KeyReader {
            de,
            keep: self.keep,
        })
    }
}

/// The reader of a key, keeping what it reads.
struct KeyReader<'k, 't, 'de, D> {
    de: D,
    keep: Keep<'k, 't, 'de>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyReader<'_, '_, 'de, D> {
    type Error = D::Error;

    forward_deserializer!(KeyVisitor, keep);
}

/// The visitor of a key, keeping it (as text, numbers and booleans too, as
/// serde_path_to_error does).
struct KeyVisitor<'k, 't, 'de, V> {
    visitor: V,
    keep: Keep<'k, 't, 'de>,
}

/// Keeps a key that is a number, as its decimal text.
macro_rules! keep_numbers {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            *self.keep.key = self.keep.track.keep(&v.to_string());
            self.visitor.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, '_, 'de, V> {
    type Value = V::Value;

    forward_plain!();

    with_integers!(keep_numbers);

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        *self.keep.key = Place::Borrowed(if v { "true" } else { "false" });
        self.visitor.visit_bool(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        *self.keep.key = self.keep.track.keep(v);
        self.visitor.visit_str(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        *self.keep.key = Place::Borrowed(v);
        self.visitor.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        *self.keep.key = self.keep.track.keep(&v);
        self.visitor.visit_string(v)
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(de)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(de)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(access)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(access)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(access)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::json::both_ways;

    /// Written where a mutation goes, then replaced by the mutation's text.
    const HOLE: &str = "\u{1}hole\u{1}";

    /// The JSON pointer of every node of `v`, parents first.
    fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
        out.push(at.to_owned());
        let escape = |k: &str| k.replace('~', "~0").replace('/', "~1");
        match v {
            Value::Object(m) => m
                .iter()
                .for_each(|(k, v)| pointers(v, &format!("{at}/{}", escape(k)), out)),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, v)| pointers(v, &format!("{at}/{i}"), out)),
            _ => {}
        }
    }

    /// `v` as text with the node at `pointer` written `raw`.
    fn with_raw(v: &Value, pointer: &str, raw: &str) -> String {
        let mut v = v.clone();
        *v.pointer_mut(pointer).unwrap() = Value::String(HOLE.to_owned());
        let text = serde_json::to_string(&v).unwrap();
        text.replacen(&serde_json::to_string(HOLE).unwrap(), raw, 1)
    }

    /// Mistakes made of `v`: each node replaced by values of every JSON kind (out of range,
    /// escaped, wrong dates), each object with a key left out, an unknown key (escaped), its
    /// first key repeated, a trailing comma or a colon missing; each list with a trailing
    /// comma; the text cut short. At most about `budget` of them, spread over the nodes.
    fn mistakes(v: &Value, budget: usize) -> Vec<String> {
        const VALUES: [&str; 16] = [
            "null",
            "true",
            "0",
            "-1",
            "1.5",
            "1e999",
            "18446744073709551616",
            "\"x\"",
            "\"\"",
            "\"\\u00e9\\n\"",
            "\"2026-02-30\"",
            "[]",
            "{}",
            "[null]",
            "{\"zz\":1}",
            "{\"a\\u0062\":1}",
        ];
        let mut nodes = Vec::new();
        pointers(v, "", &mut nodes);
        let per_node = VALUES.len() + 4;
        let stride = (nodes.len() * per_node).div_ceil(budget).max(1);
        let mut out = Vec::new();
        for (n, pointer) in nodes.iter().enumerate() {
            let node = v.pointer(pointer).unwrap();
            for k in 0..per_node {
                if !(n * per_node + k).is_multiple_of(stride) {
                    continue;
                }
                if let Some(raw) = VALUES.get(k) {
                    out.push(with_raw(v, pointer, raw));
                    continue;
                }
                let whole = serde_json::to_string(node).unwrap();
                match (node, k - VALUES.len()) {
                    (Value::Object(m), 0) if !m.is_empty() => {
                        // Each key left out, in turn (one per visit of this node).
                        let key = m.keys().nth(n % m.len()).unwrap().clone();
                        let mut m = m.clone();
                        m.remove(&key);
                        out.push(with_raw(v, pointer, &Value::Object(m).to_string()));
                    }
                    (Value::Object(m), 1) if !m.is_empty() => {
                        let (key, first) = m.iter().next().unwrap();
                        let repeated = format!("{}:{first},", Value::from(key.as_str()));
                        out.push(with_raw(
                            v,
                            pointer,
                            &whole.replacen('{', &format!("{{{repeated}"), 1),
                        ));
                    }
                    (Value::Object(m), 2) if !m.is_empty() => {
                        out.push(with_raw(
                            v,
                            pointer,
                            &format!("{},}}", &whole[..whole.len() - 1]),
                        ));
                    }
                    (Value::Object(m), 3) if !m.is_empty() => {
                        out.push(with_raw(v, pointer, &whole.replacen("\":", "\" ", 1)));
                    }
                    (Value::Array(a), 2) if !a.is_empty() => {
                        out.push(with_raw(
                            v,
                            pointer,
                            &format!("{},]", &whole[..whole.len() - 1]),
                        ));
                    }
                    _ => {}
                }
            }
        }
        let text = v.to_string();
        let cuts = (text.len() / 40).max(1);
        out.extend(
            (1..text.len())
                .step_by(cuts)
                .filter(|&i| text.is_char_boundary(i))
                .map(|i| text[..i].to_owned()),
        );
        out
    }

    /// Asserts both readings alike for every mistake; the number of mistakes read.
    fn alike(
        what: &str,
        v: &Value,
        budget: usize,
        mut read: impl FnMut(&str) -> [String; 2],
    ) -> usize {
        let mistakes = mistakes(v, budget);
        let [ours, theirs] = read(&v.to_string());
        assert_eq!(ours, theirs, "{what} as given");
        for text in &mistakes {
            let [ours, theirs] = read(text);
            assert_eq!(ours, theirs, "{what}: {text}");
        }
        mistakes.len()
    }

    /// The path is serde_path_to_error's, on every request of the conformance corpus (its
    /// envelope and its input) and on mistakes made of each.
    #[test]
    fn the_path_is_serde_path_to_errors() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/conformance/cases");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".request.json"))
            .collect();
        files.sort();
        assert!(files.len() > 90, "{} requests", files.len());
        let (mut read, mut failed) = (0, 0);
        for file in &files {
            let what = file.file_name().unwrap().to_string_lossy().into_owned();
            // The corpus's requests that are not UTF-8 (the API takes text).
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            let [ours, theirs] = both_ways::<crate::api::Envelope<'_>>(&text);
            assert_eq!(ours, theirs, "{what}");
            // The corpus's requests that are not JSON.
            let Ok(request) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            read += alike(&what, &request, 60, |t| {
                both_ways::<crate::api::Envelope<'_>>(t)
            });
            let (Some(operation), Some(input)) =
                (request["operation"].as_str(), request.get("input"))
            else {
                continue;
            };
            if crate::api::read_both_ways(operation, "{}").is_none() {
                continue;
            }
            read += alike(&what, input, 200, |t| {
                let both = crate::api::read_both_ways(operation, t).unwrap();
                failed += usize::from(both[0] != "ok");
                both
            });
        }
        // About 270 mistakes per request; most of them errors.
        assert!(read > 20_000, "{read} mistakes read");
        assert!(failed > read / 2, "{failed} errors of {read}");
    }

    /// The same on the ACI's parameter files and the PASS table, as embedded.
    #[test]
    fn the_path_of_a_parameter_is_serde_path_to_errors() {
        for (file, text) in crate::aci::parameters::EMBEDDED_JSON {
            let v: Value = serde_json::from_str(text).unwrap();
            alike(file, &v, 1_500, |t| {
                both_ways::<crate::aci::parameters::ParameterSetData>(t)
            });
        }
        let v: Value = serde_json::from_str(crate::aci::pass::EMBEDDED_JSON).unwrap();
        alike("pass", &v, 500, |t| {
            both_ways::<crate::aci::pass::PassData>(t)
        });
    }
}
