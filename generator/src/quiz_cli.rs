//! `jiayuan quiz import` and `jiayuan quiz export`: the arguments, handed to
//! `jiayuan::quiz_import`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use jiayuan::quiz_import::{self, ExportFormat, ExportOptions, ImportOptions};
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::i18n::Lang;
use jiayuan_core::msg;

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

pub fn import(root: &Path, args: ImportArgs, lang: Lang) -> Result<ExitCode, Vec<Diagnostic>> {
    let opts = ImportOptions {
        root: root.to_path_buf(),
        input: args.file,
        bank: args.bank,
        title: args.title,
        force: args.force,
    };
    let (file, n) = quiz_import::import(&opts)?;
    let done = msg!("quiz-import-done", count = n, file = &file);
    eprintln!("{}", done.text(lang));
    Ok(ExitCode::SUCCESS)
}

pub fn export(root: &Path, args: ExportArgs, lang: Lang) -> Result<ExitCode, Vec<Diagnostic>> {
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
    let done = msg!("quiz-export-done", count = n, file = &file);
    eprintln!("{}", done.text(lang));
    if format == ExportFormat::Csv {
        eprintln!("{}", msg!("quiz-export-csv-no-title").text(lang));
    }
    Ok(ExitCode::SUCCESS)
}
