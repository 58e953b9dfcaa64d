//! The `errspec` command: a thin layer over [`errspec::Builder`].
//!
//! Exit codes: 0 success; 1 `check` found stale or missing files; 2 invalid
//! spec, unreadable spec or bad usage; 3 an output file could not be written.

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
    after_help = "Exit codes: 0 success; 1 `check` found stale or missing files; \
                  2 invalid spec, unreadable spec or bad usage; 3 an output file could not be written."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Write every target's files (the default command).
    Generate(Output),
    /// Exit 1, naming each file, when any file `generate` would write is stale or missing.
    Check(Output),
    /// Check the spec and print its problems; write nothing.
    Validate {
        #[command(flatten)]
        spec: SpecArg,
    },
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
                Error::Write(_) => 3,
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
                    FileStatus::Unchanged => "unchanged",
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
                };
                stale += 1;
                println!("{state:>7} {}", path.display());
            }
            if stale == 0 {
                println!("{} files up to date", checks.len());
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!(
                    "error: {stale} of {} files are out of date; run `errspec generate`",
                    checks.len()
                );
                Ok(ExitCode::from(1))
            }
        }
        Command::Validate { spec } => {
            let loaded = errspec::Spec::load(&spec.spec)?;
            println!(
                "{}: ok ({} error codes)",
                spec.spec.display(),
                loaded.errors.len()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
