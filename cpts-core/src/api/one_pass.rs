//! Answering a request in one reading (native builds): the envelope and the operation's
//! input are read in one pass over the text, without tracking field paths, and the
//! operation runs as soon as its input is read. When anything is out of the ordinary (a
//! field that does not read, an unknown operation, `input` before `operation`, a `language`
//! after `input`, an envelope field repeated), this gives up and [`super::Engine::answer`]
//! reads the request the usual way, which gives the usual error: the answer is the same
//! either way, only faster when the request is well formed.
//!
//! Not in the wasm: it needs a second reader of every input, which would take the module
//! over its size ceiling (see `crate::json::read`).

use std::fmt;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::{API_VERSION, ApiError, Asked, Engine, Language, dispatch_read};

/// The answer to `request` read in one pass, or `None` to read it the usual way.
pub(super) fn answer(
    engine: &Engine,
    request: &str,
    asked: &mut Asked,
) -> Option<Result<String, ApiError>> {
    let mut deserializer = serde_json::Deserializer::from_str(request);
    let read = deserializer
        .deserialize_map(OnePass { engine })
        .and_then(|read| deserializer.end().map(|()| read));
    let Ok(Read {
        answer: Some(answer),
        operation,
        language,
    }) = read
    else {
        return None;
    };
    asked.operation = Some(operation);
    asked.language = language;
    Some(answer)
}

/// What one pass read: the operation's answer (none when it could not be had), its name and
/// the language asked for.
struct Read {
    answer: Option<Result<String, ApiError>>,
    operation: String,
    language: Option<Language>,
}

/// The envelope's visitor.
struct OnePass<'e> {
    engine: &'e Engine,
}

/// Gives up reading in one pass (the usual reading says why).
pub(super) fn give_up<E: de::Error>() -> E {
    E::custom("read the usual way")
}

impl<'de> Visitor<'de> for OnePass<'_> {
    type Value = Read;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a request")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Read, A::Error> {
        let mut version = None;
        let mut operation: Option<std::borrow::Cow<'de, str>> = None;
        let mut language = None;
        let mut answer = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match &*key {
                "api_version" if version.is_none() => version = Some(map.next_value::<u32>()?),
                "operation" if operation.is_none() => operation = Some(map.next_value()?),
                "language" if language.is_none() && answer.is_none() => {
                    language = Some(map.next_value::<Option<Language>>()?);
                }
                "input" if answer.is_none() => {
                    let (Some(API_VERSION), Some(name)) = (version, operation.as_deref()) else {
                        return Err(give_up());
                    };
                    answer = Some(map.next_value_seed(Input {
                        engine: self.engine,
                        operation: name,
                        language: language.flatten(),
                    })?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    return Err(give_up());
                }
            }
        }
        match (version, operation, answer) {
            (Some(API_VERSION), Some(operation), Some(answer)) => Ok(Read {
                answer: Some(answer),
                operation: operation.into_owned(),
                language: language.flatten(),
            }),
            _ => Err(give_up()),
        }
    }
}

/// The input's seed: reads the operation's input and answers it.
struct Input<'e, 'n> {
    engine: &'e Engine,
    operation: &'n str,
    language: Option<Language>,
}

impl<'de> DeserializeSeed<'de> for Input<'_, '_> {
    type Value = Result<String, ApiError>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        // An object only: `null` or an array (which serde would read by position) is left
        // to the usual reading, which refuses them.
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Input<'_, '_> {
    type Value = Result<String, ApiError>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        #[cfg(feature = "parallel")]
        if self.operation == <super::FundingBatch as super::Operation>::NAME {
            let output = super::batch::pipelined::read(self.engine, map)?;
            return Ok(super::write::<super::FundingBatch>(output, self.language));
        }
        dispatch_read(
            self.engine,
            self.operation,
            de::value::MapAccessDeserializer::new(map),
            self.language,
        )?
        .ok_or_else(give_up)
    }
}
