//! Why a command failed, in French, with its exit code (listed in `cpts --help` and the
//! crate's README).

use std::fmt;
use std::path::Path;

/// The exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 1: the check found problems in the data (check-members).
    ProblemsFound = 1,
    /// 3: a file cannot be read or written.
    File = 3,
    /// 4: a file's content is refused.
    Content = 4,
    /// 5: data the command needs is missing (the contours of the communes).
    MissingData = 5,
    /// 70: a defect of cpts.
    Internal = 70,
}

/// A failure: its exit code and what the person reads.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
}

impl Failure {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Failure {
            exit,
            message: message.into(),
        }
    }

    /// A refused content, said with the file it is in.
    pub fn content(file: &Path, message: impl fmt::Display) -> Self {
        Failure::new(Exit::Content, format!("{} : {message}", file.display()))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// What the operating system said of a file, in French.
pub fn io_fr(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "fichier introuvable",
        K::PermissionDenied => "accès refusé",
        K::IsADirectory => "c'est un dossier, pas un fichier",
        K::AlreadyExists => "le fichier existe déjà",
        K::StorageFull => "disque plein",
        K::InvalidData => "contenu illisible",
        _ => "lecture ou écriture impossible",
    }
}
