//! errspec: define an API's errors once, in one YAML spec, and generate every
//! consumer's artifact from it.
//!
//! The pipeline, one module a step (private but for the spec's types):
//! 1. `spec`: load the YAML and check every rule, with line and column for each problem;
//! 2. `model`: one model of the spec with every language's names resolved (by `names`);
//! 3. `targets`: render each target from its templates in `templates/<target>/`;
//! 4. `output`: write atomically, leaving unchanged files alone, or check for staleness.
//!
//! The public API is what a build script and the `errspec` command need:
//! [`Builder`] and [`Target`] to generate, [`Error`] and the [`Diagnostics`]
//! of an invalid spec, [`Spec`] to load and inspect one, and [`diff()`] to
//! compare two.
//!
//! From a build script (with `default-features = false`, so no CLI dependencies):
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), errspec::Error> {
//!     errspec::Builder::new("spec/errors.yaml").targets([errspec::Target::Rust]).generate()?;
//!     Ok(())
//! }
//! ```
//!
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/rust/errors.rs"));`

#![deny(missing_docs)]

mod diagnostic;
mod diff;
mod model;
mod names;
mod output;
mod parallel;
pub mod spec;
mod targets;
mod text;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub use diagnostic::{Diagnostic, Diagnostics, Position};
pub use diff::{Change, ChangeKind, diff};
pub use output::{FileCheck, FileStatus, IoError};
pub use spec::{Adapters, CodeType, Spec, WireFormat};
pub use targets::{OutputFile, Target};

/// Generates errspec's outputs from one spec: the entry point for build
/// scripts, and what the `errspec` command runs.
#[derive(Clone, Debug)]
pub struct Builder {
    spec: PathBuf,
    out_dir: Option<PathBuf>,
    targets: Vec<Target>,
}

impl Builder {
    /// A builder for the spec at `spec`, generating every target into `OUT_DIR`.
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Self {
            spec: spec.into(),
            out_dir: None,
            targets: Target::ALL.to_vec(),
        }
    }

    /// Writes into `dir` instead of the build script's `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generates only these targets (by default, all of them).
    pub fn targets(mut self, targets: impl IntoIterator<Item = Target>) -> Self {
        self.targets = targets.into_iter().collect();
        self.targets.sort();
        self.targets.dedup();
        self
    }

    /// Loads and validates the spec and renders every selected target in
    /// memory, writing nothing.
    pub fn render(&self) -> Result<Vec<OutputFile>, Error> {
        let (spec, names) = Spec::from_bytes(spec::read(&self.spec)?, &self.spec)?;
        let model = model::Model::new(&spec, &self.spec, names);
        let files = Mutex::new(Vec::new());
        self.render_each(&model, &|place, path, write| {
            let file = OutputFile {
                path: path.to_path_buf(),
                contents: targets::to_string(write)?,
            };
            files
                .lock()
                .expect("no thread panics holding it")
                .push((place, file));
            Ok(true)
        })?;
        let mut files = files.into_inner().expect("no thread panics holding it");
        files.sort_by_key(|(place, _)| *place);
        Ok(files.into_iter().map(|(_, file)| file).collect())
    }

    /// Renders every selected target of `model`, handing each file to `emit`
    /// to write as it is rendered, with its place in the output: the target's
    /// position, then the file's within the target. Once `emit` returns
    /// `false`, no other target starts; an error is a template's.
    ///
    /// Targets render on one thread per core, each taking the next target
    /// left. (A thread per target held more memory at once, in more malloc
    /// arenas, for no gain in time.) The longest go first (TypeScript and
    /// OpenAPI take about as long as the rest together, at 10,000 codes), so
    /// that no thread is left with a long one at the end. Templates share
    /// one conversion of the model (a `OnceLock`).
    fn render_each(&self, model: &model::Model<'_>, emit: &Sink<'_>) -> Result<(), Error> {
        let mut queue: Vec<(usize, Target)> = self.targets.iter().copied().enumerate().collect();
        queue.sort_by_key(|(_, target)| match target {
            Target::TypeScript => 0,
            Target::OpenApi => 1,
            Target::Docs => 2,
            Target::Rust => 3,
            Target::Python => 4,
            _ => 5,
        });
        let next = AtomicUsize::new(0);
        let stopped = AtomicBool::new(false);
        let failure = Mutex::new(None);
        let work = || {
            while let Some(&(position, target)) = queue.get(next.fetch_add(1, Ordering::Relaxed)) {
                if stopped.load(Ordering::Relaxed) {
                    return;
                }
                let mut index = 0;
                let rendered = target.render(model, &mut |path, write| {
                    if !emit((position, index), path, write)? {
                        stopped.store(true, Ordering::Relaxed);
                    }
                    index += 1;
                    Ok(())
                });
                if let Err(source) = rendered {
                    stopped.store(true, Ordering::Relaxed);
                    failure
                        .lock()
                        .expect("no thread panics holding it")
                        .get_or_insert(Error::Render {
                            target,
                            source: RenderError(source),
                        });
                }
            }
        };
        let workers = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(queue.len());
        std::thread::scope(|scope| {
            for _ in 1..workers {
                scope.spawn(work);
            }
            work();
        });
        match failure.into_inner().expect("no thread panics holding it") {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Renders and writes every selected target. Nothing is written unless
    /// the spec is valid, and files whose content is unchanged are not touched.
    /// A run with the same spec, targets and errspec as the last one here,
    /// whose files are all still as it wrote them, renders nothing (see
    /// `.errspec/cache` in the README's "Reliability").
    ///
    /// Inside a build script this also prints `cargo:rerun-if-changed` for
    /// the spec, so cargo reruns the script only when the spec changes.
    pub fn generate(&self) -> Result<Vec<(PathBuf, FileStatus)>, Error> {
        if std::env::var_os("OUT_DIR").is_some() {
            println!("cargo:rerun-if-changed={}", self.spec.display());
        }
        let out_dir = self.resolve_out_dir()?;
        let source = spec::read(&self.spec)?;
        let inputs = output::inputs(&self.spec, &source, &self.targets);
        if let Some(report) = inputs.and_then(|inputs| output::unchanged(&out_dir, inputs)) {
            return Ok(report);
        }
        let (spec, names) = Spec::from_bytes(source, &self.spec)?;
        let model = model::Model::new(&spec, &self.spec, names);
        // Each file is staged as it is rendered, never whole in memory.
        let run = output::Run::start(&out_dir, &self.targets, &self.spec).map_err(Error::Write)?;
        // An output path that is the spec itself (`--out` at the spec's
        // folder, with a spec named like an output) would replace the spec.
        let spec_file = std::fs::canonicalize(&self.spec).ok();
        let output_is_spec = Mutex::new(None);
        let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.render_each(&model, &|place, path, write| {
                let full = out_dir.join(path);
                if spec_file.is_some() && std::fs::canonicalize(&full).ok() == spec_file {
                    *output_is_spec.lock().expect("no thread panics holding it") = Some(full);
                    return Ok(false);
                }
                run.add(place, path, write)
            })
        }));
        // A bug that panics leaves the folder as it was, then goes on.
        let rendered = match rendered {
            Ok(rendered) => rendered,
            Err(panic) => {
                run.abandon();
                std::panic::resume_unwind(panic)
            }
        };
        let output_is_spec = output_is_spec
            .into_inner()
            .expect("no thread panics holding it");
        if let Err(error) = rendered {
            run.abandon();
            return Err(error);
        }
        if let Some(path) = output_is_spec {
            run.abandon();
            return Err(Error::OutputIsSpec { path });
        }
        let (report, fingerprints) = run.finish().map_err(Error::Write)?;
        if let Some(inputs) = inputs {
            output::remember(&out_dir, inputs, &fingerprints);
        }
        Ok(report)
    }

    /// Compares what [`generate`](Self::generate) would write with what is on
    /// disk, writing nothing.
    pub fn check(&self) -> Result<Vec<(PathBuf, FileCheck)>, Error> {
        let out_dir = self.resolve_out_dir()?;
        let (spec, names) = Spec::from_bytes(spec::read(&self.spec)?, &self.spec)?;
        let model = model::Model::new(&spec, &self.spec, names);
        // Each file is compared with the disk as it is rendered.
        let checked = Mutex::new(Vec::new());
        let failure = Mutex::new(None);
        self.render_each(&model, &|place, path, write| {
            Ok(match output::check_file(&out_dir, path, write)? {
                Ok(check) => {
                    let mut checked = checked.lock().expect("no thread panics holding it");
                    checked.push((place, path.to_path_buf(), check));
                    true
                }
                Err(error) => {
                    let mut failure = failure.lock().expect("no thread panics holding it");
                    failure.get_or_insert(error);
                    false
                }
            })
        })?;
        if let Some(error) = failure.into_inner().expect("no thread panics holding it") {
            return Err(Error::Read(error));
        }
        let mut checked = checked.into_inner().expect("no thread panics holding it");
        checked.sort_by_key(|(place, ..)| *place);
        let checked = checked
            .into_iter()
            .map(|(_, path, check)| (path, check))
            .collect();
        output::check_report(&out_dir, checked, &self.targets).map_err(Error::Read)
    }

    fn resolve_out_dir(&self) -> Result<PathBuf, Error> {
        match &self.out_dir {
            Some(dir) => Ok(dir.clone()),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir),
        }
    }
}

/// Where [`Builder`] hands each file a target renders: its place in the
/// output, its path and what writes it. `Ok(false)` stops the run; an error
/// is a template's.
type Sink<'a> =
    dyn Fn((usize, usize), &Path, targets::Write<'_>) -> Result<bool, minijinja::Error> + Sync + 'a;

/// Why a run failed. `Display` (and `Debug`, so a build script returning it
/// from `main` prints it readably) gives the text the CLI prints.
#[non_exhaustive]
pub enum Error {
    /// The spec file could not be read.
    ReadSpec {
        /// The spec's path.
        path: PathBuf,
        /// Why it could not be read.
        source: std::io::Error,
    },
    /// The spec is invalid; every problem found, each with its line and column.
    Spec(Diagnostics),
    /// A target failed to render: a bug in errspec, not in the spec.
    Render {
        /// The target that failed.
        target: Target,
        /// What went wrong.
        source: RenderError,
    },
    /// An output file could not be written (or read, to compare it); nothing
    /// was changed.
    Write(IoError),
    /// An output file could not be read to check it.
    Read(IoError),
    /// An output file would replace the spec it is generated from.
    OutputIsSpec {
        /// The output path, which is the spec file.
        path: PathBuf,
    },
    /// No output directory was given and `OUT_DIR` is not set.
    NoOutDir,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::ReadSpec { path, source } => {
                write!(f, "{}: error: cannot read the spec: {source}", show(path))
            }
            Error::Spec(diagnostics) => diagnostics.fmt(f),
            Error::Render { target, source } => write!(
                f,
                "error: rendering the {target} target failed: {source:#}\n  \
                 this is a bug in errspec, not in your spec; please report it"
            ),
            Error::Write(IoError { path, source }) => {
                write!(f, "{}: error: cannot write: {source}", show(path))
            }
            Error::Read(IoError { path, source }) => {
                write!(f, "{}: error: cannot read: {source}", show(path))
            }
            Error::OutputIsSpec { path } => write!(
                f,
                "{}: error: this output file is the spec itself; errspec will not write over it\n  \
                 help: choose an output folder (`--out`, `.out_dir(...)`) that does not hold the spec",
                show(path)
            ),
            Error::NoOutDir => f.write_str(
                "error: OUT_DIR is not set\n  help: call `.out_dir(...)`, or run errspec from a build script",
            ),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::ReadSpec { source, .. }
            | Error::Write(IoError { source, .. })
            | Error::Read(IoError { source, .. }) => Some(source),
            Error::Render { source, .. } => Some(source),
            Error::Spec(diagnostics) => Some(diagnostics),
            Error::NoOutDir | Error::OutputIsSpec { .. } => None,
        }
    }
}

/// Why a target failed to render: a template error, which is a bug in
/// errspec. `Display` with `{:#}` adds the template's name and line.
pub struct RenderError(minijinja::Error);

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            write!(f, "{:#}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl fmt::Debug for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl std::error::Error for RenderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.0)
    }
}

fn show(path: &Path) -> String {
    text::printable(&path.display().to_string())
}
