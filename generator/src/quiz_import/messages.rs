//! Every text `jiayuan quiz import` and `quiz export` show the editor, one function per
//! kind of message, so the wording lives in one place. Messages that point into a
//! sheet name its worksheet, row and column in Chinese, as the editors read them.

use super::Kind;

/// `工作表「题目」第 7 行 D 列（答案）`, or without the sheet for a CSV file.
pub fn cell(sheet: Option<&str>, row: u32, column: &str, header: &str) -> String {
    let at = match sheet {
        Some(name) => format!("工作表「{name}」第 {row} 行"),
        None => format!("第 {row} 行"),
    };
    if header.is_empty() {
        format!("{at} {column} 列")
    } else {
        format!("{at} {column} 列（{header}）")
    }
}

/// `工作表「题目」第 7 行`, for a problem of the whole row.
pub fn row(sheet: Option<&str>, row: u32) -> String {
    match sheet {
        Some(name) => format!("工作表「{name}」第 {row} 行"),
        None => format!("第 {row} 行"),
    }
}

/// A message with an optional help line.
pub struct Text {
    pub message: String,
    pub help: Option<String>,
}

impl Text {
    /// The import's messages are written in Chinese only, so they pass through the
    /// catalogues as they are, in both languages (docs/messages.md).
    pub fn chinese_only(text: String) -> jiayuan_core::i18n::Msg {
        jiayuan_core::msg!("import-chinese-only", text = text)
    }
}

fn text(message: impl Into<String>, help: Option<&str>) -> Text {
    Text {
        message: message.into(),
        help: help.map(str::to_owned),
    }
}

// ---- the file and the workbook ----

pub fn unknown_extension(ext: &str) -> Text {
    text(
        format!("不认识的文件类型 `.{ext}`"),
        Some("可导入 .xlsx（也可 .xls、.ods）、.csv 和 Moodle GIFT（.gift 或 .txt）"),
    )
}

pub fn no_such_file() -> Text {
    text(
        "找不到这个文件",
        Some("检查文件名和所在目录；相对路径从当前目录算起"),
    )
}

pub fn cannot_read(error: &str) -> Text {
    text(format!("无法读取文件：{error}"), None)
}

pub fn not_utf8() -> Text {
    text(
        "文件不是 UTF-8 编码",
        Some("在 Excel 中另存为「CSV UTF-8（逗号分隔）」，或用文本编辑器转成 UTF-8"),
    )
}

pub fn no_sheet() -> Text {
    text("工作簿里没有工作表", None)
}

pub fn extra_sheet(name: &str, questions: &str) -> Text {
    text(
        format!("工作表「{name}」不会被导入：题目只从工作表「{questions}」读取"),
        Some("一个工作簿放一个题库；把这些题移到题目工作表，或删除这个工作表"),
    )
}

pub fn no_header() -> Text {
    text(
        "没有表头行",
        Some("第一行写列名：题型、题干、选项A…选项F、答案、解析、难度、标签、出处（见 docs/题库导入.md）"),
    )
}

pub fn unknown_header(name: &str, suggestion: Option<&str>) -> Text {
    let help = match suggestion {
        Some(s) => format!("是不是「{s}」？"),
        None => "可用的列名：编号、题型、题干、选项A…选项F、答案、解析、难度、标签、出处、出处链接"
            .to_owned(),
    };
    Text {
        message: format!("不认识的列名「{name}」，这一列的内容无法导入"),
        help: Some(help),
    }
}

pub fn duplicate_header(name: &str, first: &str) -> Text {
    text(
        format!("列名「{name}」重复，第一次出现在 {first} 列"),
        Some("每个列名只能用一次"),
    )
}

pub fn headless_column() -> Text {
    text(
        "这一列有内容，但没有列名",
        Some("在第一行给这一列写上列名，或删除这一列"),
    )
}

pub fn missing_column(name: &str) -> Text {
    text(
        format!("缺少「{name}」列"),
        Some("题型、题干、答案、难度四列是必需的"),
    )
}

pub fn unknown_info(name: &str) -> Text {
    text(
        format!("「题库信息」里不认识的项目「{name}」"),
        Some("这个工作表只有一项：A 列写「标题」，B 列写题库标题"),
    )
}

pub fn no_title() -> Text {
    text(
        "没有题库标题",
        Some("在工作表「题库信息」的 A 列写「标题」、B 列写标题，或用 --title \"标题\" 给出"),
    )
}

// ---- cells ----

pub fn date_cell() -> Text {
    text(
        "单元格是日期或时间格式，无法确定原来写的文字",
        Some("把单元格格式设为「文本」后重新输入"),
    )
}

pub fn error_cell(code: &str) -> Text {
    text(
        format!("单元格是公式错误 {code}"),
        Some("改正公式，或直接填写文字"),
    )
}

pub fn unknown_kind(found: &str) -> Text {
    text(
        format!("不认识的题型「{found}」"),
        Some("题型写单选、多选、判断或填空"),
    )
}

pub fn empty_required(what: &str) -> Text {
    text(format!("{what}是空的"), None)
}

pub fn bad_id(id: &str) -> Text {
    text(
        format!("编号「{id}」不能含空格"),
        Some("用简短的编号，如 youth-001；留空则自动编号"),
    )
}

pub fn duplicate_id(id: &str, first: &str) -> Text {
    text(
        format!("编号「{id}」重复，第一次出现在{first}"),
        Some("每道题的编号必须不同；留空则自动编号"),
    )
}

pub fn duplicate_generated_id(id: &str, first: &str) -> Text {
    text(
        format!("自动生成的编号「{id}」与{first}的编号相同"),
        Some("给这道题填写编号"),
    )
}

pub fn id_in_other_bank(id: &str, file: &str) -> Text {
    text(
        format!("编号「{id}」已经用在 {file} 里"),
        Some("编号在所有题库中都必须唯一；换一个编号"),
    )
}

pub fn options_on(kind: Kind) -> Text {
    text(
        format!("{}题不带选项，这里却填了选项", kind.chinese()),
        Some("删除选项，或把题型改为单选或多选"),
    )
}

pub fn option_gap(letter: char, missing: char) -> Text {
    text(
        format!("选项{letter}有内容，但它前面的选项{missing}是空的"),
        Some("选项从 A 起连续填写"),
    )
}

pub fn option_repeats(letter: char, first: char) -> Text {
    text(format!("选项{letter}与选项{first}相同"), None)
}

pub fn too_few_options(kind: Kind, n: usize) -> Text {
    text(
        format!("{}题至少要有 2 个选项，这里有 {n} 个", kind.chinese()),
        None,
    )
}

pub fn answer_letter_without_option(letter: char, last: Option<char>) -> Text {
    let have = match last {
        Some(last) => format!("本题的选项是 A–{last}"),
        None => "本题没有选项".to_owned(),
    };
    text(format!("答案 {letter} 没有对应的选项（{have}）"), None)
}

pub fn single_needs_one_letter(found: &str) -> Text {
    text(
        format!("单选题的答案应是一个字母，这里是「{found}」"),
        Some("例如 B；多个正确选项请把题型改为多选"),
    )
}

pub fn multiple_needs_letters(found: &str) -> Text {
    text(
        format!("多选题的答案应是选项字母，这里是「{found}」"),
        Some("例如 ACD，也可写 A,C,D 或 A、C、D"),
    )
}

pub fn multiple_needs_two(n: usize) -> Text {
    text(
        format!("多选题至少要有 2 个正确选项，这里有 {n} 个"),
        Some("只有一个正确选项时把题型改为单选"),
    )
}

pub fn letter_repeats(letter: char) -> Text {
    text(format!("答案里字母 {letter} 出现了不止一次"), None)
}

pub fn bad_true_false(found: &str) -> Text {
    text(
        format!("判断题的答案应是对或错，这里是「{found}」"),
        Some("写 对/错、正确/错误 或 √/×"),
    )
}

pub fn empty_accepted() -> Text {
    text(
        "填空题的答案里有空的一项",
        Some("多个可接受的答案用 | 或 ； 分隔，例如 三|3"),
    )
}

pub fn bad_difficulty(found: &str) -> Text {
    text(
        format!("难度应是 1、2、3（或 易、中、难），这里是「{found}」"),
        None,
    )
}

pub fn bad_source_url(found: &str) -> Text {
    text(
        format!("出处链接应是本站的路径，这里是「{found}」"),
        Some("以 / 开头，例如 /policy/three-child-policy/"),
    )
}

pub fn bad_bank_id(id: &str) -> Text {
    text(
        format!("题库编号「{id}」只能由小写字母、数字和 - 组成"),
        Some("例如 --bank youth-health；它也是文件名 quiz/<编号>.yaml"),
    )
}

pub fn bank_exists(file: &str) -> Text {
    text(
        format!("{file} 已经存在，没有改动"),
        Some("加 --force 用导入的题目替换它"),
    )
}

pub fn not_a_site() -> Text {
    text(
        "这里没有 site.toml，不是站点目录",
        Some("在站点目录中运行，或用 --root 指向它"),
    )
}

pub fn no_bank(id: &str, known: &str) -> Text {
    Text {
        message: format!("没有题库「{id}」"),
        help: Some(format!("已有的题库：{known}")),
    }
}

pub fn no_questions() -> Text {
    text("文件里没有题目", None)
}

pub fn cannot_write(error: &str) -> Text {
    text(format!("无法写入：{error}"), None)
}

pub fn cannot_export(what: &str, value: &str, separator: &str) -> Text {
    text(
        format!("{what}「{value}」含有分隔符 {separator}，写进表格后无法原样读回"),
        Some("改写这一项，使它不含分隔符"),
    )
}

pub fn not_written_back() -> Text {
    text(
        "生成的题库读回后与导入的题目不一致，没有写入（这是 jiayuan 的错误，请报告）",
        None,
    )
}

// ---- GIFT ----

pub fn gift_unsupported(what: &str) -> Text {
    text(
        format!("不支持的 GIFT 题型：{what}"),
        Some("可导入单选 {=对 ~错}、多选 {~%50%甲 ~%50%乙 ~%-100%丙}、判断 {T} 或 {F}、填空 {=答案 =另一种写法}"),
    )
}

pub fn gift_unclosed() -> Text {
    text("答案块的 { 没有对应的 }", Some("在答案之后补上 }"))
}

pub fn gift_no_answers() -> Text {
    text(
        "这道题没有答案块 {…}",
        Some("GIFT 题目写成：题干 {=正确答案 ~错误答案}；说明文字请写成 // 注释"),
    )
}

pub fn gift_stray(found: &str) -> Text {
    text(
        format!("答案块之前或之后不能是「{found}」"),
        Some("答案里的 = ~ # { } : 要写成 \\= \\~ \\# \\{ \\} \\:"),
    )
}

pub fn gift_bad_weight(weight: &str) -> Text {
    text(
        format!("无法理解的分值 %{weight}%"),
        Some("分值写成 %50% 或 %-100%"),
    )
}

pub fn gift_partial(detail: &str) -> Text {
    text(
        format!("{detail}：本系统的题目按对错计分，无法表示这种部分得分"),
        Some("多选题把正确选项写成正分值、错误选项写成负分值，例如 ~%50%甲 ~%50%乙 ~%-100%丙"),
    )
}

pub fn gift_wrong_feedback() -> Text {
    text(
        "答错时的反馈无法导入：每道题只有一条解析",
        Some("把说明写成总体反馈 ####解析，放在 } 之前"),
    )
}

pub fn gift_many_feedbacks() -> Text {
    text(
        "几个正确答案各有反馈，无法合成一条解析",
        Some("把说明写成总体反馈 ####解析，放在 } 之前"),
    )
}

pub fn gift_option_count(n: usize) -> Text {
    text(format!("选择题要有 2–6 个选项，这里有 {n} 个"), None)
}

pub fn gift_empty_answer() -> Text {
    text("答案是空的", None)
}

pub fn gift_option_repeats(option: &str) -> Text {
    text(format!("选项「{option}」重复"), None)
}

pub fn gift_correct_count(n: usize) -> Text {
    text(
        format!("单选题应有且只有一个 = 正确答案，这里有 {n} 个"),
        Some("多个正确答案请用分值写成多选：~%50%甲 ~%50%乙 ~%-100%丙"),
    )
}

pub fn gift_no_correct() -> Text {
    text(
        "多选题没有正确选项（正分值的选项）",
        Some("正确选项写成 ~%50%甲，错误选项写成 ~%-100%丙"),
    )
}

pub fn gift_title_spaces(title: &str) -> Text {
    text(
        format!("题目名 ::{title}:: 用作编号，不能含空格"),
        Some("去掉空格，或删除 ::题目名:: 让它自动编号"),
    )
}

pub fn gift_missing_difficulty() -> Text {
    text(
        "没有给出难度",
        Some("在题目上一行写注释 // 难度：2（1–3）；单独一段的注释对之后所有题目有效"),
    )
}

pub fn gift_format(marker: &str) -> Text {
    text(
        format!("不支持文本格式 [{marker}]"),
        Some("题干按纯文本导入；删除格式标记，或改为 [plain]"),
    )
}

pub fn gift_duplicate_title(id: &str, line: usize) -> Text {
    text(
        format!("题目名 ::{id}:: 重复，第一次出现在第 {line} 行"),
        Some("题目名用作编号，必须各不相同"),
    )
}

pub fn cannot_export_spaces(what: &str, value: &str) -> Text {
    text(
        format!("{what}「{value}」首尾有空白，表格读回时会被去掉"),
        Some("删除首尾的空格或换行"),
    )
}

pub fn output_exists(file: &str) -> Text {
    text(
        format!("{file} 已经存在，没有改动"),
        Some("加 --force 覆盖它，或用 --output 换一个文件名"),
    )
}

/// The 说明 sheet of an exported workbook: column, required, how to write it.
pub fn notes() -> [[&'static str; 3]; 12] {
    [
        ["列名", "必填", "写法"],
        ["编号", "否", "每道题唯一，不含空格，如 policy-001；留空则按顺序自动编号（<题库>-001）"],
        ["题型", "是", "单选、多选、判断、填空"],
        ["题干", "是", "题目文字；填空题的空写成 ____"],
        ["选项A…选项F", "选择题是", "单选、多选题 2–6 个选项，从 A 起连续填写；判断、填空题留空"],
        ["答案", "是", "单选：一个字母，如 B；多选：如 ACD（也可 A,C,D）；判断：对/错（正确/错误、√/×）；填空：可接受的答案，用 | 或 ； 分隔，如 三|3"],
        ["解析", "否", "答题后显示的说明"],
        ["难度", "是", "1、2、3（或 易、中、难）"],
        ["标签", "否", "用 、 或 ， 分隔，如 三孩政策、人口与计划生育法"],
        ["出处", "否", "文件或报道的名称"],
        ["出处链接", "否", "本站页面的路径，以 / 开头，如 /policy/three-child-policy/"],
        ["题库信息", "", "工作表「题库信息」A 列写「标题」，B 列写题库标题；导入命令：jiayuan quiz import 文件.xlsx --bank 编号"],
    ]
}
