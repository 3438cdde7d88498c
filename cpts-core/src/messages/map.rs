//! Messages of maps and their contours.

use super::Message;
use crate::map::{GeometryError, MapError};

impl Message for GeometryError {
    fn message_fr(&self) -> String {
        match self {
            GeometryError::InvalidGeometry {
                place,
                line,
                value,
                rule,
            } => format!(
                "contours, {} {line} : {} (« {value} »)",
                place.fr(),
                rule.fr()
            ),
            GeometryError::NoGeometry => "les contours ne donnent aucune commune".to_owned(),
        }
    }
}

impl Message for MapError {
    fn message_fr(&self) -> String {
        match self {
            MapError::InvalidMapOption { field, value, rule } => {
                let field = match *field {
                    "width" => "largeur",
                    "title" => "titre",
                    other => other,
                };
                format!("carte, {field} « {value} » : {}", rule.fr())
            }
            MapError::NothingToDraw { units } => format!(
                "aucune des {units} communes à dessiner n'a de contour dans les géométries données"
            ),
        }
    }
}
