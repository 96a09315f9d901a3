# jiayuan 的中文提示。每个 id 都要在 en.ftl 里有对应的一条，并且在代码里用到
# （tests/messages.rs）。怎样新增一条：docs/messages.md。

## 诊断信息的格式（jiayuan-core diagnostic）
diag-error = 错误：{ $message }
diag-warning = 警告：{ $message }
diag-help = 帮助：{ $help }
diag-errors-found = 发现 { $count } 个错误，没有写入任何文件
did-you-mean = 是不是想写 `{ $suggestion }`？

## 读取文件与写出结果（jiayuan-core files、output）
file-unreadable = 无法读取这个文件：{ $reason }
file-too-large = 这个文件有 { $size } MB，单个 Markdown 文件不能超过 { $limit } MB
file-too-large-help = 请把内容拆成几篇，或者把大块数据移出 content/
file-not-utf8 = 这个文件不是有效的 UTF-8 文本
file-not-utf8-help = 请把文件另存为 UTF-8 编码（GBK/GB2312 文件需要转换，例如 `iconv -f GBK -t UTF-8`）
output-path-escapes = 这个输出路径会跑到输出文件夹之外
output-path-escapes-help = slug 和 aliases 里不能有 `..`，也不能以盘符或根目录开头
io-failed = { $what }：{ $reason }
io-failed-help = 请检查文件夹权限和剩余磁盘空间
io-read = 无法读取
io-create-output-parent = 无法创建输出文件夹的上级文件夹
io-clear-staging = 无法清除旧的临时构建文件夹
io-create-staging = 无法创建临时构建文件夹
io-create-folder = 无法创建文件夹
io-write-file = 无法写入文件
io-copy-file = 无法复制文件
io-move-old-output = 无法把上一次的输出移开
io-move-new-output = 无法把新的输出放到位
io-remove-old-output = 无法删除上一次的输出

## site.toml（jiayuan-core config）
config-unreadable = 无法读取站点配置：{ $reason }
config-unreadable-help = 请在站点文件夹里运行 jiayuan，或者用 --root 目录 指向含有 site.toml 的文件夹
config-help = 所有可用的键见演示站点的 site.toml
config-invalid = site.toml 写法有误：{ $detail }
config-unknown-key = 未知的配置键 `{ $key }`，可用的键有：{ $allowed }
config-bad-base-url = base_url `{ $url }` 不是以 http(s) 开头的完整网址；请写成 "https://www.example.org" 这样
config-bad-server = [contest] server `{ $server }` 既不是本站的路径（以一个 `/` 开头），也不是 http(s) 网址；竞答服务器与门户同源时写 "/api/"，否则写它的完整网址
config-unknown-zone = 未知的时区 `{ $zone }`
config-unknown-zone-suggest = 未知的时区 `{ $zone }`；是不是想写 `{ $suggestion }`？

## 内容：前置信息、栏目、链接（jiayuan-content）
content-missing = 站点没有 content/ 文件夹
content-missing-help = 请创建 content/_index.md 作为首页，每个栏目一个文件夹
fm-missing = 文件开头没有前置信息（front matter）
fm-missing-help = 文件第一行写 `---`，接着写 `title: 标题`，再用一行 `---` 结束
fm-unclosed = 这里开始的前置信息没有结束
fm-unclosed-help = 在最后一个前置信息键后面加一行，只写 `---`
fm-unknown-key = 未知的前置信息键 `{ $key }`
fm-unknown-key-suggest = 是不是想写 `{ $suggestion }`？可用的键有：{ $allowed }
fm-allowed-keys = 可用的键有：{ $allowed }；自定义的值请写在 `extra:` 下面
fm-missing-key = 前置信息里缺少 `{ $key }`
fm-missing-key-help = 在两行 --- 之间加一行，例如 `{ $key }: 标题`
fm-a-value = 某个值
fm-wrong-type = `{ $key }` 的类型不对：这里应当是{ $expected }
fm-wrong-type-help = 列表写成 [甲, 乙]，或者每项一行 `- 项目`；含有冒号的文字要加引号
kind-list = 列表
kind-text = 文字
kind-mapping = `键: 值` 形式的若干行
kind-bool = true 或 false
kind-integer = 整数
kind-other = { $name }
fm-unknown-choice = `{ $key }` 不能是 `{ $value }`
fm-unknown-choice-help = 请写以下之一：{ $allowed }
fm-duplicate-key = 前置信息里 `{ $key }` 写了两次
fm-duplicate-some-key = 前置信息里有一个键写了两次
fm-duplicate-key-help = 两行只保留一行
fm-syntax = 前置信息不是有效的 YAML
fm-syntax-help = 请检查缩进和引号；含有 `: ` 或以 `[`、`{"{"}`、`*` 开头的文字必须加引号
fm-empty-title = 标题是空的
fm-empty-title-help = 在 `title:` 后面写上标题，例如 `title: 倡导适龄婚育`
fm-bad-date = `{ $key }` 不是有效的日期：`{ $value }`
fm-bad-date-help = 日期写成 2022-05-29；带时间时写成 2022-05-29T09:30:00+08:00
section-no-index = 这个文件夹没有 _index.md，栏目标题将使用文件夹名
section-no-index-help = 请创建 { $folder }/_index.md，写上 `title:` 和 `description:`
duplicate-url = 网址 { $path } 重复：{ $other } 也用了它
duplicate-url-help = 给其中一篇换个文件名，或者写上不同的 `slug:`
walk-symlink-loop = 符号链接循环：这个链接指回了包含它的文件夹
walk-symlink-loop-help = 删除这个链接，或者让它指向不在上级路径中的文件夹
walk-unreadable = 无法读取：{ $reason }
walk-unreadable-help = 请检查文件权限，或者删除失效的链接
taxonomy-empty-entry = `{ $taxonomy }` 里有一项是空的，已忽略
taxonomy-empty-entry-help = 请从列表里删除这个空项
taxonomy-unknown = 未知的分类法 `{ $taxonomy }`
taxonomy-unknown-help = 前置信息支持的分类法是 `tags` 和 `categories`
broken-internal-link = 站内链接 `{ $target }` 指向的页面不存在
broken-internal-link-help = 链接其他页面请写成 `@/栏目/文件.md`（content/ 下的路径），并确认文件存在且不是草稿

## 模板（jiayuan-render）
theme-missing = 找不到主题 `{ $theme }`（应在 themes/{ $theme }/）
theme-missing-help = 请把主题放在 themes/ 下，或者删除 `theme` 以使用内置模板
template-set-error = 模板有误：{ $detail }
template-set-error-help = 请对照 templates/ 里的文件检查 `{"{"}% extends %{"}"}`、`{"{"}% include %{"}"}` 和 `{"{"}% import %{"}"}` 中的名字
template-unreadable = 无法读取模板：{ $reason }
template-syntax = 模板语法错误：{ $detail }
template-syntax-help = tera 语法：{"{{"} value {"}}"}、{"{"}% if x %{"}"}…{"{"}% endif %{"}"}、{"{"}% for p in list %{"}"}…{"{"}% endfor %{"}"}
template-render = 无法用模板 `{ $template }` 生成页面：{ $detail }
template-render-help = 请对照 docs/templates.md 检查变量名；可能没有的值请用 {"{"}% if … %{"}"} 判断
template-missing = 模板 `{ $template }` 不存在
template-missing-page-help = 请把模板放到 templates/ 或主题的 templates/ 下，或者删除 `template:` 以使用 page.html
template-missing-section-help = 请把模板放到 templates/ 或主题的 templates/ 下，或者删除 `template:`

## 构建、命令行与预览（generator）
stage-config = 读取配置与模板
stage-content = 读取内容
stage-render = 生成页面
stage-links = 检查链接
built-pages = 已生成 { $pages } 个页面，共 { $sections } 个栏目
checked-pages = 已检查 { $pages } 个页面，共 { $sections } 个栏目
now-not-a-date = 不是日期：{ $value }
now-not-a-date-help = 请写成 2022-05-29 或 2022-05-29T08:00:00+08:00
scratch-folder-failed = 无法创建临时文件夹：{ $reason }
owner-section = 栏目 { $file }
owner-page = 页面 { $file }
owner-alias = { $file } 里的别名
alias-escapes = 别名 `{ $alias }` 跑到了站点之外
alias-escapes-help = 别名请写成站内路径，例如 /old/path/
alias-collides = 别名 `{ $alias }` 与{ $owner }冲突，都在 { $path }
alias-collides-help = 删除这个别名，或者换一个别的页面没用过的路径
broken-link = 链接失效，{ $problem }：`{ $link }`
broken-link-help = 请修改生成这个页面的内容或模板里的链接，或者补上缺少的页面
link-outside-base = 指向了站点根路径之外
link-no-page = 指向的页面不存在
link-no-anchor = 指向的锚点不存在
new-bad-path = 路径应当像 `news/my-article` 这样
new-bad-path-help = 请写出栏目文件夹和文件名：jiayuan new news/529-activity --title "标题"
new-exists = 这个文件已经存在，没有做任何改动
new-exists-help = 请换一个文件名，或者直接编辑已有的文件
new-created = 已创建 { $file }
io-write = 无法写入
search-index-failed = 无法建立搜索索引：{ $reason }
search-index-failed-help = 这可能是程序缺陷或磁盘已满；请连同所运行的命令一起报告
search-open-failed = 无法打开搜索索引：{ $reason }
search-open-failed-help = 请先生成站点（jiayuan build），或者用 --output 指向已生成的文件夹
search-bad-query = 搜索词有误：{ $reason }
search-bad-query-help = 请检查搜索词里的引号
search-shown = 显示 { $shown } 条，共 { $total } 个页面匹配
serve-failed = 预览服务出错：{ $reason }
serve-cannot-listen = 无法在 { $addr } 上监听；是不是另一个服务占用了这个端口？可以试试 --port
serve-serving = 正在预览 { $output }，地址 http://{ $addr }/（按 Ctrl+C 停止）
serve-built = 已生成 { $pages } 个页面，用时 { $ms } 毫秒
serve-build-failed = 构建失败；仍在显示上一次成功的构建
serve-overlay-title = 构建失败，正在显示上一次成功的构建。修改后会自动刷新。
export-create-failed = 无法创建文件：{ $reason }
export-failed = 导出失败：{ $reason }
export-done = 已导出 { $count } 次答题记录
contest-no-quiz = 这个站点没有可供服务的 quiz/ 文件夹
contest-serve-failed = 竞答服务器出错：{ $reason }

## 题库与竞赛（generator quiz；题库引擎自己的提示仍是英文）
quiz-engine = { $text }
quiz-no-folder = 这个站点没有 quiz/ 文件夹
quiz-no-contest = 没有名为 `{ $contest }` 的竞赛
quiz-known-contests = 已有的竞赛：{ $known }
quiz-encode-failed = 无法编码竞赛数据：{ $reason }
quiz-practice-shortfall = 第 { $rule } 条抽题规则要抽 { $count } 道题，但把竞答服务器的题目从练习中去掉后只剩 { $available } 道
quiz-practice-shortfall-help = 请调低它的 `count`、增加题目，或者让竞赛少抽这个题库的题

## 排版（generator typography；`jiayuan check`）
typo-finding = { $finding }：`{ $before }` → `{ $after }`（{ $rule }）
typo-space-after-bold = 以全角标点结束的加粗文字后面多了空格
typo-nested-quotes = “”里用了 ASCII 引号；“”里的引号用‘’
typo-date-node = 节点日期用了 `.`；本站写作 `·`
typo-range-dash = 数值范围用了连接号或 `~`；范围一律用 `～`
typo-fullwidth = 中文里用了半角标点
typo-autocorrect = 排版问题
typo-fix-help = `jiayuan check --fix` 可以自动改正；要关闭某条规则，在 site.toml 的 `[typography]` 里设置
typo-unknown-rule = `[typography]` 里有未知的排版规则 `{ $rule }`
typo-rules = 可用的规则有：{ $rules }
typo-fixed = { $location }：{ $before } → { $after }
typo-fixed-count = 改正了 { $files } 个文件中的 { $lines } 行

## Content: limits, compat, file links (jiayuan-content)
fm-too-deep = 前置信息中的列表或 `键: 值` 嵌套超过了 { $limit } 层
fm-too-deep-help = 前置信息里只放文字、日期和简短的列表；请把打开的括号补全，或把层次很深的数据移出页面
fm-too-many-aliases = 前置信息中的别名（`*名称`）重复展开了超过 { $limit } 个值
fm-too-many-aliases-help = 请在需要的地方直接写出这些值，不要用 `*别名` 反复引用同一个 `&锚点`
fm-too-large = 前置信息超过了 { $kib } KiB
fm-too-large-help = 长篇文字请写在正文里，即结尾的 `---` 行之后
missing-file-link = 链接指向的文件 `{ $target }` 不存在
missing-file-link-help = 请把文件放在 content/ 下与页面相邻的位置，或放在 static/ 下；以 / 开头的路径从这两个文件夹中任一个算起
cover-missing = 封面图片 `{ $target }` 不存在：页面旁边和 static/ 下都没有这个文件
image-no-alt = 图片 `{ $url }` 没有替代文字
image-no-alt-help = 请写明图片的内容，方便看不见图片的读者：![二〇二二年宣传海报](poster.png)；只起装饰作用的图片请注明：![](line.png "装饰")
compat-kept-key = { $count } 个文件中的 `{ $key }` 已保留在 extra 下
compat-kept-key-help = 模板可以用页面或栏目的 `extra.{ $key }` 读取它；把它移到 `extra:` 下面，这条提示就不再出现
compat-bare-files = { $count } 个文件没有前置信息，标题取自第一个标题行或文件名
compat-bare-files-help = 在文件开头写上 `---`、`title: 标题`、`---` 三行，即可自己定标题

## site.toml and the output folder (jiayuan-core site_toml, output)
config-cannot-read = 无法读取站点配置
config-missing-key = site.toml 缺少 `{ $key }`
config-missing-title-help = 请加一行，例如 `title = "河北省计划生育协会"`
config-missing-base-url-help = 请加一行，例如 `base_url = "https://www.example.org"`
io-leftover-unremovable = 无法删除上次中断的生成留下的文件夹：{ $reason }
io-leftover-unremovable-help = 请手动删除它；其中没有当前输出的任何内容

## One owner per output path (jiayuan-core claims)
claim-path = /{ $path }
claim-path-in-folder = /{ $path }（位于文件夹 /{ $folder }/ 内）
claim-path-folded = /{ $path }（即 /{ $as_path }：不区分字母大小写，重复的斜杠也不算）
claim-collision = { $path } 有两个来源，只能保留一个：{ $owner }；{ $first }
claim-collision-at = { $path } 有两个来源，只能保留一个：{ $owner }；{ $first }（{ $at }）
claim-collision-help = 每个输出文件只能有一个来源：请给其中一个改名、改 slug 或删除
owner-404-page = 404 页面
owner-search-page = 搜索页面
owner-stats-page = 统计页面
owner-sitemap = 站点地图
owner-robots = robots.txt
owner-feed = 订阅源 { $path }
owner-section-pager = 栏目 { $file } 的第 { $index } 页
owner-taxonomy-list = 分类 { $taxonomy } 的列表页
owner-alias-named = { $file } 中的别名 `{ $alias }`
owner-term = 分类 { $taxonomy } 中的 `{ $term }`
owner-term-pager = 分类 { $taxonomy } 中 `{ $term }` 的第 { $index } 页
owner-built-in = 内置文件 { $path }
owner-search-index = 搜索索引
owner-contest = 竞赛 `{ $id }`
owner-file = 文件 { $file }

## The build, check and init (generator)
output-is-site = 输出文件夹 { $output } 就是站点文件夹本身，而生成时要读取它
output-inside-input = 输出文件夹 { $output } 位于 { $dir }/ 之内，而生成时要读取那里
output-inside-input-help = 请输出到与 content/ 并列的文件夹，例如默认的 public/
broken-link-source-help = 请改正链接或其中的 `#锚点`，或补上缺少的页面或标题
init-wrote-strict = 已写入 site.toml：菜单中有 { $sections } 个栏目，前置信息按严格模式（strict）读取
init-wrote-compatible = 已写入 site.toml：菜单中有 { $sections } 个栏目，前置信息按兼容模式（compatible）读取
link-leaves-site = 这个符号链接指向站点文件夹之外，因此不会发布
link-leaves-site-help = 请把文件或文件夹复制到站点里，不要用链接指过去

## Raw HTML, shortcodes and slugs (jiayuan-content markdown, bodies, sections)
html-removed = 已删除{ $what }
html-removed-help = 只保留适合文章的标记；如需原样发布 HTML，请在 site.toml 中设置 [markdown] raw_html = "trusted"，如要把它当作文字显示，请设为 "escape"
html-removed-tag = 标签 <{ $tag }>
html-removed-attribute = <{ $tag }> 的属性 `{ $name }`
html-removed-value = <{ $tag }> 的 `{ $name }="{ $value }"`
html-removed-from-raw = 原始 HTML 中的{ $what }
html-removed-heading-attribute = 标题的属性 `{ $name }`
html-removed-link-url = Markdown 链接的网址 `{ $url }`
shortcode-left-out = Hugo 短代码 `{ $name }` 无法渲染：已在 { $files } 个文件的 { $uses } 处略去
shortcode-left-out-help = jiayuan 不运行 Hugo 模板；成对短代码中间的文字会保留。请用 Markdown 或 HTML 写出它原本显示的内容
fm-empty-slug = `slug` 为空，页面会占用所在栏目的网址
fm-empty-slug-help = 请写一个 slug，例如 `slug: three-child-policy`，或删掉这一行，改用文件名

## Template cycles (jiayuan-render templates/cycles)
template-cycle = 模板之间形成了循环：{ $cycle }
template-cycle-help = 这个 `{"{"}% { $kind } %{"}"}` 又绕回到 { $first }；模板不能直接或经由其他模板包含（include）、导入（import）或继承（extends）自己，请删掉循环中的一个标签
init-exists = site.toml 已经存在；init 不会改动它
init-exists-help = 请直接编辑它；如要让 init 重新生成，请先删除它
init-no-content = 没有可以据以生成的 content/ 文件夹
init-no-content-help = 请在含有 content/ 的文件夹里运行 init，或用 --root DIR 指定该文件夹
init-write-failed = 无法写入 site.toml：{ $reason }
init-write-failed-help = 请检查这个文件夹是否可写

## Bank import and export (generator quiz_import)
import-place-sheet-row = 工作表「{ $sheet }」第 { $row } 行
import-place-row = 第 { $row } 行
import-place-cell = { $row } { $column } 列
import-place-cell-header = { $row } { $column } 列（{ $header }）
import-at = { $place }: { $message }
import-unknown-extension = 不认识的文件类型 `.{ $ext }`
import-unknown-extension-help = 可导入 .xlsx（也可 .xls、.ods）、.csv 和 Moodle GIFT（.gift 或 .txt）
import-no-such-file = 找不到这个文件
import-no-such-file-help = 检查文件名和所在目录；相对路径从当前目录算起
import-cannot-read = 无法读取文件：{ $reason }
import-not-utf8 = 文件不是 UTF-8 编码
import-not-utf8-help = 在 Excel 中另存为「CSV UTF-8（逗号分隔）」，或用文本编辑器转成 UTF-8
import-no-sheet = 工作簿里没有工作表
import-extra-sheet = 工作表「{ $sheet }」不会被导入：题目只从工作表「{ $questions }」读取
import-extra-sheet-help = 一个工作簿放一个题库；把这些题移到题目工作表，或删除这个工作表
import-no-header = 没有表头行
import-no-header-help = 第一行写列名：题型、题干、选项A…选项F、答案、解析、难度、标签、出处（见 docs/题库导入.md）
import-unknown-header = 不认识的列名「{ $name }」，这一列的内容无法导入
import-unknown-header-suggestion = 是不是「{ $suggestion }」？
import-unknown-header-help = 可用的列名：编号、题型、题干、选项A…选项F、答案、解析、难度、标签、出处、出处链接
import-duplicate-header = 列名「{ $name }」重复，第一次出现在 { $first } 列
import-duplicate-header-help = 每个列名只能用一次
import-headless-column = 这一列有内容，但没有列名
import-headless-column-help = 在第一行给这一列写上列名，或删除这一列
import-missing-column = 缺少「{ $name }」列
import-missing-column-help = 题型、题干、答案、难度四列是必需的
import-unknown-info = 「题库信息」里不认识的项目「{ $name }」
import-unknown-info-help = 这个工作表只有一项：A 列写「标题」，B 列写题库标题
import-no-title = 没有题库标题
import-no-title-help = 在工作表「题库信息」的 A 列写「标题」、B 列写标题，或用 --title "标题" 给出
import-date-cell = 单元格是日期或时间格式，无法确定原来写的文字
import-date-cell-help = 把单元格格式设为「文本」后重新输入
import-error-cell = 单元格是公式错误 { $code }
import-error-cell-help = 改正公式，或直接填写文字
import-unknown-kind = 不认识的题型「{ $found }」
import-unknown-kind-help = 题型写单选、多选、判断或填空
import-empty-required = { $what }是空的
import-bad-id = 编号「{ $id }」不能含空格
import-bad-id-help = 用简短的编号，如 youth-001；留空则自动编号
import-duplicate-id = 编号「{ $id }」重复，第一次出现在{ $first }
import-duplicate-id-help = 每道题的编号必须不同；留空则自动编号
import-duplicate-generated-id = 自动生成的编号「{ $id }」与{ $first }的编号相同
import-duplicate-generated-id-help = 给这道题填写编号
import-id-in-other-bank = 编号「{ $id }」已经用在 { $file } 里
import-id-in-other-bank-help = 编号在所有题库中都必须唯一；换一个编号
import-options-on = { $kind }题不带选项，这里却填了选项
import-options-on-help = 删除选项，或把题型改为单选或多选
import-option-gap = 选项{ $letter }有内容，但它前面的选项{ $missing }是空的
import-option-gap-help = 选项从 A 起连续填写
import-option-repeats = 选项{ $letter }与选项{ $first }相同
import-too-few-options = { $kind }题至少要有 2 个选项，这里有 { $count } 个
import-answer-without-option = 答案 { $letter } 没有对应的选项（本题的选项是 A–{ $last }）
import-answer-without-options = 答案 { $letter } 没有对应的选项（本题没有选项）
import-single-needs-one-letter = 单选题的答案应是一个字母，这里是「{ $found }」
import-single-needs-one-letter-help = 例如 B；多个正确选项请把题型改为多选
import-multiple-needs-letters = 多选题的答案应是选项字母，这里是「{ $found }」
import-multiple-needs-letters-help = 例如 ACD，也可写 A,C,D 或 A、C、D
import-multiple-needs-two = 多选题至少要有 2 个正确选项，这里有 { $count } 个
import-multiple-needs-two-help = 只有一个正确选项时把题型改为单选
import-letter-repeats = 答案里字母 { $letter } 出现了不止一次
import-bad-true-false = 判断题的答案应是对或错，这里是「{ $found }」
import-bad-true-false-help = 写 对/错、正确/错误 或 √/×
import-empty-accepted = 填空题的答案里有空的一项
import-empty-accepted-help = 多个可接受的答案用 | 或 ； 分隔，例如 三|3
import-bad-difficulty = 难度应是 1、2、3（或 易、中、难），这里是「{ $found }」
import-bad-source-url = 出处链接应是本站的路径，这里是「{ $found }」
import-bad-source-url-help = 以 / 开头，例如 /policy/three-child-policy/
import-bad-bank-id = 题库编号「{ $id }」只能由小写字母、数字和 - 组成
import-bad-bank-id-help = 例如 --bank youth-health；它也是文件名 quiz/<编号>.yaml
import-bank-exists = { $file } 已经存在，没有改动
import-bank-exists-help = 加 --force 用导入的题目替换它
import-not-a-site = 这里没有 site.toml，不是站点目录
import-not-a-site-help = 在站点目录中运行，或用 --root 指向它
import-no-bank = 没有题库「{ $id }」
import-no-bank-help = 已有的题库：{ $known }
import-no-questions = 文件里没有题目
import-cannot-write = 无法写入：{ $reason }
import-cannot-export = { $what }「{ $value }」含有分隔符 { $separator }，写进表格后无法原样读回
import-cannot-export-help = 改写这一项，使它不含分隔符
import-not-written-back = 生成的题库读回后与导入的题目不一致，没有写入（这是 jiayuan 的错误，请报告）
import-cannot-export-spaces = { $what }「{ $value }」首尾有空白，表格读回时会被去掉
import-cannot-export-spaces-help = 删除首尾的空格或换行
import-output-exists = { $file } 已经存在，没有改动
import-output-exists-help = 加 --force 覆盖它，或用 --output 换一个文件名
import-gift-unsupported = 不支持的 GIFT 题型：{ $what }
import-gift-unsupported-help = 可导入单选 {"{"}=对 ~错{"}"}、多选 {"{"}~%50%甲 ~%50%乙 ~%-100%丙{"}"}、判断 {"{"}T{"}"} 或 {"{"}F{"}"}、填空 {"{"}=答案 =另一种写法{"}"}
import-gift-essay = 问答题（空的答案块 {"{"}{"}"}）
import-gift-numerical = 数值题（{"{"}#…{"}"}）
import-gift-matching = 配对题（->）
import-gift-many-blocks = 一题多个答案块（题与题之间要空一行）
import-gift-unclosed = 答案块的 {"{"} 没有对应的 {"}"}
import-gift-unclosed-help = 在答案之后补上 {"}"}
import-gift-no-answers = 这道题没有答案块 {"{"}…{"}"}
import-gift-no-answers-help = GIFT 题目写成：题干 {"{"}=正确答案 ~错误答案{"}"}；说明文字请写成 // 注释
import-gift-stray = 答案块之前或之后不能是「{ $found }」
import-gift-stray-help = 答案里的 = ~ # {"{"} {"}"} : 要写成 \= \~ \# \{"{"} \{"}"} \:
import-gift-bad-weight = 无法理解的分值 %{ $weight }%
import-gift-bad-weight-help = 分值写成 %50% 或 %-100%
import-gift-partial = { $detail }：本系统的题目按对错计分，无法表示这种部分得分
import-gift-partial-help = 多选题把正确选项写成正分值、错误选项写成负分值，例如 ~%50%甲 ~%50%乙 ~%-100%丙
import-gift-partial-short-answer = 填空题的部分得分答案
import-gift-partial-single = 单选题里的分值
import-gift-partial-not-full = 唯一的正确选项不是 100%
import-gift-wrong-feedback = 答错时的反馈无法导入：每道题只有一条解析
import-gift-many-feedbacks = 几个正确答案各有反馈，无法合成一条解析
import-gift-feedback-help = 把说明写成总体反馈 ####解析，放在 {"}"} 之前
import-gift-option-count = 选择题要有 2–6 个选项，这里有 { $count } 个
import-gift-empty-answer = 答案是空的
import-gift-option-repeats = 选项「{ $option }」重复
import-gift-correct-count = 单选题应有且只有一个 = 正确答案，这里有 { $count } 个
import-gift-correct-count-help = 多个正确答案请用分值写成多选：~%50%甲 ~%50%乙 ~%-100%丙
import-gift-no-correct = 多选题没有正确选项（正分值的选项）
import-gift-no-correct-help = 正确选项写成 ~%50%甲，错误选项写成 ~%-100%丙
import-gift-title-spaces = 题目名 ::{ $title }:: 用作编号，不能含空格
import-gift-title-spaces-help = 去掉空格，或删除 ::题目名:: 让它自动编号
import-gift-missing-difficulty = 没有给出难度
import-gift-missing-difficulty-help = 在题目上一行写注释 // 难度：2（1–3）；单独一段的注释对之后所有题目有效
import-gift-format = 不支持文本格式 [{ $marker }]
import-gift-format-help = 题干按纯文本导入；删除格式标记，或改为 [plain]
import-gift-duplicate-title = 题目名 ::{ $id }:: 重复，第一次出现在第 { $line } 行
import-gift-duplicate-title-help = 题目名用作编号，必须各不相同

## serve (generator serve: app, contest, watch)
serve-no-runtime = 无法启动预览服务的运行环境
serve-cannot-accept = 预览服务：无法接受连接：{ $reason }
serve-cannot-watch = 预览服务：无法监视 { $path } 的变化：{ $reason }
serve-contest-answering = 竞答服务器：由它应答 { $prefix }（数据库 { $db }）
serve-contest-not-started = 竞答服务器没有启动，{ $prefix } 将返回 404：{ $reason }
quiz-import-done = 已导入 { $count } 道题到 { $file }
quiz-export-done = 已导出 { $count } 道题到 { $file }
quiz-export-csv-no-title = 注意：CSV 不保存题库标题，再导入时用 --title 给出

## 短代码（issue 16）
shortcode-unknown = 未知的短代码 `{ $name }`
shortcode-unknown-help = 可用的短代码有：{ $names }；站点可以在 templates/shortcodes/名称.html 中添加自己的短代码
shortcode-bad-args = 无法读取这个短代码的参数
shortcode-bad-args-help = 每个参数写成 名称="文字"、名称=3 或 名称=true，用英文逗号分隔，并把调用写完整：{"{{"} figure(src="a.png", alt="说明") {"}}"}
shortcode-unclosed = 这个短代码没有结束
shortcode-no-end = 短代码 `{ $name }` 缺少 {"{"}% end %{"}"}
shortcode-no-end-help = 带正文的短代码各占一行：先写 {"{"}% { $name }(…) %{"}"}，再写正文，最后写 {"{"}% end %{"}"}
shortcode-body-inline = 短代码 `{ $name }` 生成独立的一块内容，要单独成行，前后各空一行
shortcode-stray-end = 这个 {"{"}% end %{"}"} 没有对应的短代码
shortcode-stray-end-help = 请删除它，或在上面写出它要结束的短代码
shortcode-repeated-arg = 参数 `{ $arg }` 写了两次
shortcode-repeated-arg-help = 请只保留一个
shortcode-needs-body = 短代码 `{ $name }` 需要正文
shortcode-no-body = 短代码 `{ $name }` 不带正文
shortcode-usage = 写法：{ $usage }
shortcode-unknown-arg = 短代码 `{ $name }` 没有参数 `{ $arg }`
shortcode-known-args = 它的参数有：{ $args }。写法：{ $usage }
shortcode-arg-not-text = `{ $name }` 的参数 `{ $arg }` 必须是加引号的文字
shortcode-missing-arg = 短代码 `{ $name }` 缺少参数 `{ $arg }`
shortcode-missing-file = 短代码 `{ $name }` 用到的文件 `{ $target }` 不存在
shortcode-bad-kind = `{ $kind }` 不是提示框的类型
shortcode-kinds = 可用的类型有：{ $kinds }
shortcode-unknown-contest = 没有编号为 `{ $id }` 的竞答
shortcode-unknown-contest-help = quiz/contests/ 中的竞答有：{ $ids }
shortcode-failed = 短代码 `{ $name }` 的模板出错：{ $detail }
shortcode-failed-help = 请修改模板 templates/shortcodes/{ $name }.html，或它读取的参数
video-not-mp4-webm = 视频 `{ $target }` 不是 MP4 或 WebM 文件
video-not-mp4-webm-help = 浏览器能播放 .mp4（H.264）和 .webm；两种格式同名各放一份，适用的浏览器最多
video-no-captions = 视频 `{ $target }` 没有字幕：缺少 `{ $captions }`
video-no-captions-help = 请在视频旁边放一个同名的 WebVTT 字幕文件；听不见声音的读者需要字幕（适老化，WCAG 1.2.2）

## 响应式图片（issue 16）
owner-image-copy = { $file } 的缩小副本
image-unreadable = 无法读取这张图片：{ $reason }
image-unreadable-help = 请重新保存为 PNG 或 JPEG，或者改为以文件链接的方式提供
images-counted = 图片：缩放 { $resized } 张，缓存中取得 { $cached } 张
