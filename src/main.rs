//! The `errspec` command: a thin layer over [`errspec::Builder`].
//!
//! Exit codes: 0 success; 1 `check` found stale, missing or stray files or an
//! interrupted run, or `diff`
//! found a breaking change; 2 invalid spec, unreadable spec or bad usage; 3 an
//! output file could not be written.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand};
use errspec::{Builder, Error, FileCheck, FileStatus, Target};

/// Define API errors once in YAML and generate every consumer's artifact from
/// it. With no command, runs `generate`.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Exit codes: 0 success; 1 `check` found stale, missing or stray files or an interrupted run, or `diff` a breaking \
                  change; 2 invalid spec, unreadable spec or bad usage; 3 an output file could not be written."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Write every target's files (the default command).
    Generate(Output),
    /// Exit 1, naming each file, when any file `generate` would write is stale or missing, or it would remove one.
    Check(Output),
    /// Check the spec and print its problems; write nothing.
    Validate {
        #[command(flatten)]
        spec: SpecArg,
    },
    /// List the changes from OLD to NEW; exit 1 if any is breaking.
    ///
    /// Each spec is a file, or a git revision and path such as
    /// `main:spec/errors.yaml`. Breaking: a code removed or renamed, its status
    /// changed, or no longer retryable. Safe: codes added, made retryable or
    /// deprecated, and text, docs, retry policy or name changes.
    Diff {
        /// The spec before: a file, or REV:PATH.
        old: String,
        /// The spec after: a file, or REV:PATH.
        new: String,
        /// `text` for people, `json` for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit 0 even when a change is breaking.
        #[arg(long)]
        allow_breaking: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Args)]
struct SpecArg {
    /// The spec file.
    #[arg(long, value_name = "FILE", default_value = "spec/errors.yaml")]
    spec: PathBuf,
}

#[derive(Args)]
struct Output {
    #[command(flatten)]
    spec: SpecArg,
    /// The output directory; each target writes into its own folder of it.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    out: PathBuf,
    /// Only this target (repeatable). Default: all.
    #[arg(long = "target", value_name = "TARGET", value_parser = target_parser())]
    targets: Vec<Target>,
}

impl Output {
    fn builder(&self) -> Builder {
        let builder = Builder::new(&self.spec.spec).out_dir(&self.out);
        if self.targets.is_empty() {
            builder
        } else {
            builder.targets(self.targets.iter().copied())
        }
    }
}

fn target_parser() -> impl TypedValueParser<Value = Target> {
    let names = Target::ALL.iter().map(|target| target.name());
    clap::builder::PossibleValuesParser::new(names)
        .map(|name| name.parse().expect("a listed target"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or_else(|| {
        Command::Generate(Output {
            spec: SpecArg {
                spec: "spec/errors.yaml".into(),
            },
            out: "generated".into(),
            targets: Vec::new(),
        })
    });
    match run(command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(match error {
                Error::Write(_) | Error::Read(_) => 3,
                _ => 2,
            })
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Generate(output) => {
            for (path, status) in output.builder().generate()? {
                let verb = match status {
                    FileStatus::Written => "wrote",
                    FileStatus::Removed => "removed",
                    _ => "unchanged",
                };
                println!("{verb:>9} {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(output) => {
            let checks = output.builder().check()?;
            let mut stale = 0;
            for (path, check) in &checks {
                let state = match check {
                    FileCheck::UpToDate => continue,
                    FileCheck::Stale => "stale",
                    FileCheck::Missing => "missing",
                    FileCheck::Stray => "stray",
                    _ => "interrupted",
                };
                stale += 1;
                println!("{state:>7} {}", path.display());
            }
            if stale == 0 {
                println!("{} up to date", plural(checks.len(), "file"));
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!(
                    "error: {stale} of {} files are out of date; run `errspec generate`",
                    checks.len()
                );
                Ok(ExitCode::from(1))
            }
        }
        Command::Diff {
            old,
            new,
            format,
            allow_breaking,
        } => {
            let changes = errspec::diff(&read_spec(&old)?, &read_spec(&new)?);
            let breaking = changes.iter().filter(|c| c.breaking).count();
            let safe = changes.len() - breaking;
            match format {
                Format::Json => {
                    let report = serde_json::json!({ "breaking": breaking, "safe": safe, "changes": changes });
                    println!("{}", serde_json::to_string_pretty(&report).expect("JSON"));
                }
                Format::Text => {
                    for change in &changes {
                        let class = if change.breaking { "breaking" } else { "safe" };
                        let subject = if change.code.is_empty() {
                            String::new()
                        } else {
                            format!("{}: ", change.code)
                        };
                        println!("{class:<8}  {subject}{}", change.description);
                    }
                    println!("{}", summary(breaking, safe));
                }
            }
            if breaking > 0 && !allow_breaking {
                eprintln!(
                    "error: {}; pass --allow-breaking to accept",
                    plural(breaking, "breaking change")
                );
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate { spec } => {
            let loaded = errspec::Spec::load(&spec.spec)?;
            println!(
                "{}: ok ({})",
                spec.spec.display(),
                plural(loaded.errors.len(), "error code")
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads a spec from a file, or from git when given as `REV:PATH` (and no
/// file of that name exists).
fn read_spec(argument: &str) -> Result<errspec::Spec, Error> {
    let path = std::path::Path::new(argument);
    if path.exists() || !argument.contains(':') {
        return errspec::Spec::load(path);
    }
    let unreadable = |message: String| Error::ReadSpec {
        path: path.to_owned(),
        source: std::io::Error::other(message),
    };
    let output = std::process::Command::new("git")
        .args(git_show(argument).map_err(|problem| unreadable(problem.into()))?)
        .output()
        .map_err(|e| unreadable(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        return Err(unreadable(format!(
            "git show failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    if output.stdout.len() as u64 > errspec::spec::MAX_SPEC_BYTES {
        return Err(unreadable(format!(
            "the spec is larger than errspec reads ({} MiB at most)",
            errspec::spec::MAX_SPEC_BYTES >> 20
        )));
    }
    let text =
        String::from_utf8(output.stdout).map_err(|_| unreadable("the spec is not UTF-8".into()))?;
    errspec::Spec::parse(&text, argument).map_err(Error::Spec)
}

/// The arguments of `git show` for `REV:PATH`, which git must never read as
/// an option (`--output=FILE` would write a file): one starting with `-` is
/// refused, and `--end-of-options` guards the rest.
fn git_show(argument: &str) -> Result<[&str; 3], &'static str> {
    if argument.starts_with('-') {
        return Err(
            "a revision cannot start with `-`; name a file, or a revision such as `main:spec/errors.yaml`",
        );
    }
    Ok(["show", "--end-of-options", argument])
}

fn plural(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

fn summary(breaking: usize, safe: usize) -> String {
    if breaking + safe == 0 {
        return "no changes".to_owned();
    }
    format!(
        "{}, {}",
        plural(breaking, "breaking change"),
        plural(safe, "safe change")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_never_reads_a_revision_as_an_option() {
        assert!(git_show("--output=out:x").is_err());
        assert!(git_show("-p").is_err());
        assert_eq!(
            git_show("HEAD:spec/errors.yaml"),
            Ok(["show", "--end-of-options", "HEAD:spec/errors.yaml"])
        );
    }
}
