//! `jiayuan quiz import` and `jiayuan quiz export`: the arguments, handed to
//! `jiayuan::quiz_import`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use jiayuan::quiz_import::{self, ExportFormat, ExportOptions, ImportOptions};
use jiayuan_core::diagnostic::Diagnostic;

#[derive(Args)]
pub struct ImportArgs {
    /// The file to read: .xlsx (or .xls, .ods), .csv, or Moodle GIFT (.gift, .txt).
    file: PathBuf,
    /// The bank's id, which is also its file name: quiz/<ID>.yaml.
    #[arg(long, value_name = "ID")]
    bank: String,
    /// The bank's title [default: the 题库信息 sheet's 标题].
    #[arg(long)]
    title: Option<String>,
    /// Replace quiz/<ID>.yaml if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Xlsx,
    Csv,
}

#[derive(Args)]
pub struct ExportArgs {
    /// The bank's id: quiz/<ID>.yaml is read.
    #[arg(long, value_name = "ID")]
    bank: String,
    /// The sheet's format.
    #[arg(long, value_enum, default_value = "xlsx")]
    format: Format,
    /// The file to write [default: <ID>.xlsx or <ID>.csv in the current folder].
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
}

pub fn import(root: &Path, args: ImportArgs) -> Result<ExitCode, Vec<Diagnostic>> {
    let opts = ImportOptions {
        root: root.to_path_buf(),
        input: args.file,
        bank: args.bank,
        title: args.title,
        force: args.force,
    };
    let (file, n) = quiz_import::import(&opts)?;
    eprintln!("imported {n} question{} into {file}", plural(n));
    Ok(ExitCode::SUCCESS)
}

pub fn export(root: &Path, args: ExportArgs) -> Result<ExitCode, Vec<Diagnostic>> {
    let format = match args.format {
        Format::Xlsx => ExportFormat::Xlsx,
        Format::Csv => ExportFormat::Csv,
    };
    let opts = ExportOptions {
        root: root.to_path_buf(),
        bank: args.bank,
        format,
        output: args.output,
        force: args.force,
    };
    let (file, n) = quiz_import::export(&opts)?;
    eprintln!("exported {n} question{} to {}", plural(n), file.display());
    if format == ExportFormat::Csv {
        eprintln!("{}", quiz_import::export::csv_note());
    }
    Ok(ExitCode::SUCCESS)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
