# jiayuan's messages in English. Every id here is also in zh-CN.ftl, and every id is
# used in the code (tests/messages.rs). How to add one: docs/messages.md.

## How a diagnostic is printed (jiayuan-core diagnostic)
diag-error = error: { $message }
diag-warning = warning: { $message }
diag-help = help: { $help }
diag-errors-found = { $count ->
    [one] 1 error found; nothing was written
   *[other] { $count } errors found; nothing was written
}
did-you-mean = did you mean `{ $suggestion }`?

## Reading files and writing the output (jiayuan-core files, output)
file-unreadable = cannot read the file: { $reason }
file-too-large = the file is { $size } MB; the limit for one Markdown file is { $limit } MB
file-too-large-help = split the text into several pages, or move large data out of content/
file-not-utf8 = the file is not valid UTF-8 text
file-not-utf8-help = save the file as UTF-8 (GBK/GB2312 files must be converted, e.g. `iconv -f GBK -t UTF-8`)
output-path-escapes = this output path would leave the output folder
output-path-escapes-help = slugs and aliases may not contain `..` or start with a drive or root
io-failed = { $what }: { $reason }
io-failed-help = check the folder's permissions and free disk space
io-read = cannot read
io-create-output-parent = cannot create the output's parent folder
io-clear-staging = cannot clear an old staging folder
io-create-staging = cannot create the staging folder
io-create-folder = cannot create folder
io-write-file = cannot write file
io-copy-file = cannot copy file
io-move-old-output = cannot move the previous output aside
io-move-new-output = cannot move the new output into place
io-remove-old-output = cannot remove the previous output

## site.toml (jiayuan-core config)
config-unreadable = cannot read site configuration: { $reason }
config-unreadable-help = run jiayuan in the site folder, or pass --root DIR pointing at a folder with site.toml
config-help = see site.toml in the demo portal for every supported key
config-invalid = { $detail }
config-unknown-key = unknown field `{ $key }`, expected one of { $allowed }
config-bad-base-url = base_url `{ $url }` is not an absolute http(s) URL; write it like "https://www.example.org"
config-bad-server = [contest] server `{ $server }` is neither a path on this site (one leading `/`) nor an http(s) URL; write "/api/" when the contest server answers on the portal's own origin, or its full URL
config-unknown-zone = unknown time zone `{ $zone }`
config-unknown-zone-suggest = unknown time zone `{ $zone }`; did you mean `{ $suggestion }`?

## Content: front matter, sections, links (jiayuan-content)
content-missing = the site has no content/ folder
content-missing-help = create content/_index.md for the home page and one folder per section
fm-missing = the file does not start with front matter
fm-missing-help = begin the file with a line `---`, then `title: 标题`, then a closing `---` line
fm-unclosed = the front matter opened here is never closed
fm-unclosed-help = add a line with only `---` after the last front matter key
fm-unknown-key = unknown front matter key `{ $key }`
fm-unknown-key-suggest = did you mean `{ $suggestion }`? Allowed keys: { $allowed }
fm-allowed-keys = allowed keys: { $allowed }; put your own values under `extra:`
fm-missing-key = the front matter has no `{ $key }`
fm-missing-key-help = add a line like `{ $key }: 标题` between the --- lines
fm-a-value = a value
fm-wrong-type = `{ $key }` has the wrong type: expected { $expected }
fm-wrong-type-help = lists are written [甲, 乙] or as `- item` lines; text with a colon needs quotes
kind-list = a list
kind-text = text
kind-mapping = `key: value` lines
kind-bool = true or false
kind-integer = a whole number
kind-other = { $name }
fm-unknown-choice = `{ $key }` cannot be `{ $value }`
fm-unknown-choice-help = write one of: { $allowed }
fm-duplicate-key = the front matter has `{ $key }` twice
fm-duplicate-some-key = the front matter has `a key` twice
fm-duplicate-key-help = keep one of the two lines
fm-syntax = front matter is not valid YAML
fm-syntax-help = check indentation and quoting; text containing `: ` or starting with `[`, `{"{"}` or `*` must be quoted
fm-empty-title = the title is empty
fm-empty-title-help = write a title after `title:`, for example `title: 倡导适龄婚育`
fm-bad-date = `{ $key }` is not a valid date: `{ $value }`
fm-bad-date-help = write dates as 2022-05-29, or 2022-05-29T09:30:00+08:00 with a time
section-no-index = this folder has no _index.md, so the section takes the folder name as its title
section-no-index-help = create { $folder }/_index.md with `title:` and `description:`
duplicate-url = duplicate URL { $path }: { $other } has it too
duplicate-url-help = give one of the pages a different file name or `slug:`
walk-symlink-loop = symbolic link loop: this link points back at a folder that contains it
walk-symlink-loop-help = remove the link or point it at a folder outside its own ancestors
walk-unreadable = cannot read: { $reason }
walk-unreadable-help = check the file's permissions, or remove a dangling link
taxonomy-empty-entry = an empty entry in `{ $taxonomy }` is ignored
taxonomy-empty-entry-help = remove the empty item from the list
taxonomy-unknown = unknown taxonomy `{ $taxonomy }`
taxonomy-unknown-help = the front matter supports the taxonomies `tags` and `categories`
broken-internal-link = broken internal link `{ $target }`
broken-internal-link-help = link to another page as `@/section/file.md` (a path under content/), and check the file exists and is not a draft

## Templates (jiayuan-render)
theme-missing = theme `{ $theme }` not found at themes/{ $theme }/
theme-missing-help = install the theme under themes/, or remove `theme` to use the built-in templates
template-set-error = { $detail }
template-set-error-help = check `{"{"}% extends %{"}"}`, `{"{"}% include %{"}"}` and `{"{"}% import %{"}"}` names against the files in templates/
template-unreadable = cannot read template: { $reason }
template-syntax = template syntax error: { $detail }
template-syntax-help = tera syntax: {"{{"} value {"}}"}, {"{"}% if x %{"}"}…{"{"}% endif %{"}"}, {"{"}% for p in list %{"}"}…{"{"}% endfor %{"}"}
template-render = cannot render with template `{ $template }`: { $detail }
template-render-help = check the variable names against docs/templates.md; guard optional values with {"{"}% if … %{"}"}
template-missing = template `{ $template }` does not exist
template-missing-page-help = add the template under templates/ or the theme's templates/, or remove `template:` to use page.html
template-missing-section-help = add the template under templates/ or the theme's templates/, or remove `template:`

## The build, the CLI and serve (generator)
stage-config = reading the configuration and templates
stage-content = reading the content
stage-render = rendering pages
stage-links = checking links
built-pages = built { $pages } pages in { $sections } sections
checked-pages = checked { $pages } pages in { $sections } sections
now-not-a-date = not a date: { $value }
now-not-a-date-help = write it as 2022-05-29 or 2022-05-29T08:00:00+08:00
scratch-folder-failed = cannot create a scratch folder: { $reason }
owner-section = section { $file }
owner-page = page { $file }
owner-alias = alias in { $file }
alias-escapes = alias `{ $alias }` leaves the site
alias-escapes-help = write aliases as site paths such as /old/path/
alias-collides = alias `{ $alias }` collides with { $owner } at { $path }
alias-collides-help = remove the alias or choose a path no other page uses
broken-link = broken link { $problem }: `{ $link }`
broken-link-help = fix the link in the content or template that produced this page, or add the missing page
link-outside-base = points outside the site's base path
link-no-page = to a page that does not exist
link-no-anchor = to an anchor that does not exist
new-bad-path = expected a path like `news/my-article`
new-bad-path-help = give the section folder and a file name: jiayuan new news/529-activity --title "标题"
new-exists = the file already exists; nothing was changed
new-exists-help = choose another file name, or edit the existing file
new-created = created { $file }
io-write = cannot write
search-index-failed = cannot build the search index: { $reason }
search-index-failed-help = this is a bug or a full disk; please report it with the command you ran
search-open-failed = cannot open the search index: { $reason }
search-open-failed-help = build the site first (jiayuan build), or point --output at the built folder
search-bad-query = { $reason }
search-bad-query-help = check the query's quotes
search-shown = { $shown } of { $total } matching pages shown
serve-failed = { $reason }
serve-cannot-listen = cannot listen on { $addr }; is another server using the port? try --port
serve-serving = serving { $output } at http://{ $addr }/ (Ctrl+C stops)
serve-built = built { $pages } pages in { $ms } ms
serve-build-failed = build failed; still serving the last good build
serve-updated = updated { $files } files in { $ms } ms
serve-search-failed = serve: the search index was not updated: { $reason }
serve-overlay-title = The build failed; this is the last good build. The page reloads by itself after the fix.
export-create-failed = cannot create the file: { $reason }
export-failed = { $reason }
export-done = { $count ->
    [one] exported 1 attempt
   *[other] exported { $count } attempts
}
contest-no-quiz = this site has no quiz/ folder to serve
contest-serve-failed = { $reason }

## Quiz banks and contests (generator quiz)
quiz-no-folder = this site has no quiz/ folder
quiz-no-contest = no contest `{ $contest }`
quiz-known-contests = known contests: { $known }
quiz-encode-failed = cannot encode the contest: { $reason }
quiz-practice-shortfall = draw rule { $rule } asks for { $count } questions, but only { $available } are left once the contest server's questions are withheld from practice
quiz-practice-shortfall-help = lower its `count`, add questions, or let the contest draw fewer of this bank's questions

## Typography (generator typography; `jiayuan check`)
typo-finding = { $finding }: `{ $before }` → `{ $after }` ({ $rule })
typo-space-after-bold = a space after bold text that ends in full-width punctuation
typo-nested-quotes = ASCII quotes inside “”; quotes inside “” are ‘’
typo-date-node = a date node written with `.`; the portal writes it with `·`
typo-range-dash = a numeric range with a dash or `~`; ranges are written with `～`
typo-fullwidth = half-width punctuation in Chinese text
typo-autocorrect = typography
typo-fix-help = `jiayuan check --fix` rewrites it; a rule is switched off in site.toml's `[typography]`
typo-unknown-rule = unknown typography rule `{ $rule }` in `[typography]`
typo-rules = the rules are: { $rules }
typo-fixed = { $location }: { $before } → { $after }
typo-fixed-count = { $lines ->
    [one] fixed 1 line
   *[other] fixed { $lines } lines
} in { $files ->
    [one] 1 file
   *[other] { $files } files
}

## Content: limits, compat, file links (jiayuan-content)
fm-too-deep = the front matter nests lists or `key: value` maps more than { $limit } levels deep
fm-too-deep-help = front matter holds text, dates and short lists; close the brackets you opened, or move deep data out of the page
fm-too-many-aliases = the front matter's aliases (`*name`) repeat more than { $limit } values
fm-too-many-aliases-help = write the values out where they are needed instead of repeating an `&anchor` with `*alias`
fm-too-large = the front matter is longer than { $kib } KiB
fm-too-large-help = keep long text in the page body, below the closing `---` line
missing-file-link = link to a missing file `{ $target }`
missing-file-link-help = put the file beside the page under content/, or under static/; a path starting with / counts from either folder
cover-missing = the cover `{ $target }` is not a file beside the page or under static/
image-no-alt = image `{ $url }` has no alt text
image-no-alt-help = say what the picture shows for readers who cannot see it: ![二〇二二年宣传海报](poster.png); a picture that only decorates says so: ![](line.png "decorative")
compat-kept-key = `{ $key }` in { $count ->
    [one] 1 file
   *[other] { $count } files
} kept under extra
compat-kept-key-help = templates read it as `extra.{ $key }` of the page or section; move it under `extra:` to silence this note
compat-bare-files = { $count ->
    [one] 1 file
   *[other] { $count } files
} without front matter, titled by their first heading or file name
compat-bare-files-help = add `---`, `title: 标题`, `---` at the top to choose the title

## site.toml and the output folder (jiayuan-core site_toml, output)
config-cannot-read = cannot read site configuration
config-missing-key = site.toml has no `{ $key }`
config-missing-title-help = add a line like `title = "河北省计划生育协会"`
config-missing-base-url-help = add a line like `base_url = "https://www.example.org"`
io-leftover-unremovable = cannot remove a folder left by an interrupted build: { $reason }
io-leftover-unremovable-help = remove it by hand; it holds no part of the current output

## One owner per output path (jiayuan-core claims)
claim-path = /{ $path }
claim-path-in-folder = /{ $path }, inside the folder /{ $folder }/
claim-path-folded = /{ $path } (as /{ $as_path }: letter case and repeated slashes do not count)
claim-collision = { $owner } writes { $path }, which { $first } writes too
claim-collision-at = { $owner } writes { $path }, which { $first } ({ $at }) writes too
claim-collision-help = each output file has one owner: rename, re-slug or remove one of them
owner-404-page = the 404 page
owner-search-page = the search page
owner-stats-page = the statistics page
owner-sitemap = the sitemap
owner-robots = robots.txt
owner-feed = the feed { $path }
owner-section-pager = page { $index } of section { $file }
owner-taxonomy-list = the list of { $taxonomy }
owner-alias-named = alias `{ $alias }` in { $file }
owner-term = { $taxonomy } term `{ $term }`
owner-term-pager = page { $index } of { $taxonomy } term `{ $term }`
owner-built-in = the built-in { $path }
owner-search-index = the search index
owner-contest = contest `{ $id }`
owner-file = file { $file }

## The build, check and init (generator)
output-is-site = the output folder { $output } is the site folder itself, which the build reads
output-inside-input = the output folder { $output } is inside { $dir }/, which the build reads
output-inside-input-help = build into a folder beside content/, such as the default public/
broken-link-source-help = fix the link or the `#anchor`, or add the missing page or heading
init-wrote-strict = wrote site.toml: { $sections } sections in the menu, front matter strict
init-wrote-compatible = wrote site.toml: { $sections } sections in the menu, front matter compatible
link-leaves-site = this symbolic link leads outside the site folder, so it is not published
link-leaves-site-help = copy the file or folder into the site instead of linking to it

## Raw HTML, shortcodes and slugs (jiayuan-content markdown, bodies, sections)
html-removed = removed { $what }
html-removed-help = only markup that suits an article is kept; set [markdown] raw_html = "trusted" in site.toml to publish raw HTML as written, or "escape" to show it as text
html-removed-tag = <{ $tag }>
html-removed-attribute = the attribute `{ $name }` of <{ $tag }>
html-removed-value = `{ $name }="{ $value }"` of <{ $tag }>
html-removed-from-raw = { $what } from raw HTML
html-removed-heading-attribute = the attribute `{ $name }` of a heading
html-removed-link-url = the URL `{ $url }` of a Markdown link
shortcode-left-out = Hugo shortcode `{ $name }` cannot be rendered: left out of { $uses ->
    [one] 1 place
   *[other] { $uses } places
} in { $files ->
    [one] 1 file
   *[other] { $files } files
}
shortcode-left-out-help = jiayuan runs no Hugo templates; the text a paired shortcode encloses is kept. Write what it showed in Markdown or HTML
fm-empty-slug = `slug` is empty, so the page would take its section's URL
fm-empty-slug-help = write a slug such as `slug: three-child-policy`, or remove the line to use the file name

## Template cycles (jiayuan-render templates/cycles)
template-cycle = templates form a cycle: { $cycle }
template-cycle-help = this `{"{"}% { $kind } %{"}"}` leads back to { $first }; a template cannot include, import or extend itself, directly or through others, so remove one tag of the cycle
init-exists = site.toml already exists; init leaves it as it is
init-exists-help = edit it, or remove it first to have init write a new one
init-no-content = there is no content/ folder to start from
init-no-content-help = run init in the folder that holds content/, or pass --root DIR
init-write-failed = cannot write site.toml: { $reason }
init-write-failed-help = check that the folder is writable

## Bank import and export (generator quiz_import)
import-place-sheet-row = sheet “{ $sheet }”, row { $row }
import-place-row = row { $row }
import-place-cell = { $row }, column { $column }
import-place-cell-header = { $row }, column { $column } ({ $header })
import-at = { $place }: { $message }
import-unknown-extension = unknown file type `.{ $ext }`
import-unknown-extension-help = import .xlsx (also .xls, .ods), .csv and Moodle GIFT (.gift or .txt)
import-no-such-file = this file does not exist
import-no-such-file-help = check the file name and its folder; a relative path starts from the current folder
import-cannot-read = cannot read the file: { $reason }
import-not-utf8 = the file is not UTF-8
import-not-utf8-help = in Excel, save as “CSV UTF-8 (Comma delimited)”, or convert it to UTF-8 in a text editor
import-no-sheet = the workbook has no worksheet
import-extra-sheet = sheet “{ $sheet }” is not imported: questions are read only from sheet “{ $questions }”
import-extra-sheet-help = one workbook holds one bank; move these questions to the questions sheet, or delete this sheet
import-no-header = there is no header row
import-no-header-help = write the column names in the first row: 题型, 题干, 选项A…选项F, 答案, 解析, 难度, 标签, 出处 (see docs/题库导入.md)
import-unknown-header = unknown column name “{ $name }”; this column cannot be imported
import-unknown-header-suggestion = did you mean “{ $suggestion }”?
import-unknown-header-help = the column names are: 编号, 题型, 题干, 选项A…选项F, 答案, 解析, 难度, 标签, 出处, 出处链接
import-duplicate-header = column name “{ $name }” is used twice; first in column { $first }
import-duplicate-header-help = each column name can be used only once
import-headless-column = this column holds something but has no name
import-headless-column-help = give the column a name in the first row, or delete the column
import-missing-column = the column “{ $name }” is missing
import-missing-column-help = the four columns 题型, 题干, 答案 and 难度 are required
import-unknown-info = unknown item “{ $name }” in “题库信息”
import-unknown-info-help = this sheet has one item only: “标题” in column A, the bank title in column B
import-no-title = the bank has no title
import-no-title-help = write “标题” in column A of sheet “题库信息” and the title in column B, or give it with --title "标题"
import-date-cell = the cell is formatted as a date or time, so the text first written in it is lost
import-date-cell-help = set the cell's format to “Text” and type it again
import-error-cell = the cell is the formula error { $code }
import-error-cell-help = fix the formula, or type the text in directly
import-unknown-kind = unknown question type “{ $found }”
import-unknown-kind-help = the question type is 单选, 多选, 判断 or 填空
import-empty-required = { $what } is empty
import-bad-id = the id “{ $id }” cannot contain spaces
import-bad-id-help = use a short id such as youth-001; leave it empty to number the question automatically
import-duplicate-id = the id “{ $id }” is used twice; first at { $first }
import-duplicate-id-help = every question needs its own id; leave it empty to number the question automatically
import-duplicate-generated-id = the generated id “{ $id }” is already the id of { $first }
import-duplicate-generated-id-help = give this question an id
import-id-in-other-bank = the id “{ $id }” is already used in { $file }
import-id-in-other-bank-help = ids must be unique across all banks; pick another one
import-options-on = a { $kind } question takes no options, but options are filled in
import-options-on-help = delete the options, or change the question type to 单选 or 多选
import-option-gap = option { $letter } is filled in, but option { $missing } before it is empty
import-option-gap-help = fill in the options one after another from A
import-option-repeats = option { $letter } is the same as option { $first }
import-too-few-options = a { $kind } question needs at least 2 options; this one has { $count }
import-answer-without-option = the answer { $letter } names no option (this question's options are A–{ $last })
import-answer-without-options = the answer { $letter } names no option (this question has no options)
import-single-needs-one-letter = the answer to a 单选 question is one letter, not “{ $found }”
import-single-needs-one-letter-help = for example B; for more than one correct option, change the question type to 多选
import-multiple-needs-letters = the answer to a 多选 question is option letters, not “{ $found }”
import-multiple-needs-letters-help = for example ACD, or A,C,D or A、C、D
import-multiple-needs-two = a 多选 question needs at least 2 correct options; this one has { $count }
import-multiple-needs-two-help = with only one correct option, change the question type to 单选
import-letter-repeats = the letter { $letter } is in the answer more than once
import-bad-true-false = the answer to a 判断 question is 对 or 错, not “{ $found }”
import-bad-true-false-help = write 对/错, 正确/错误 or √/×
import-empty-accepted = an accepted answer of this 填空 question is empty
import-empty-accepted-help = separate accepted answers with | or ；, for example 三|3
import-bad-difficulty = the difficulty is 1, 2 or 3 (or 易, 中, 难), not “{ $found }”
import-bad-source-url = the source link must be a path on this site, not “{ $found }”
import-bad-source-url-help = start it with /, for example /policy/three-child-policy/
import-bad-bank-id = the bank id “{ $id }” may hold only lowercase letters, digits and -
import-bad-bank-id-help = for example --bank youth-health; it is also the file name quiz/<id>.yaml
import-bank-exists = { $file } already exists; nothing was changed
import-bank-exists-help = add --force to replace it with the imported questions
import-not-a-site = there is no site.toml here, so this is not a site folder
import-not-a-site-help = run it in the site folder, or point --root at it
import-no-bank = there is no bank “{ $id }”
import-no-bank-help = the banks are: { $known }
import-no-questions = the file holds no questions
import-cannot-write = cannot write: { $reason }
import-cannot-export = { $what } “{ $value }” contains the separator { $separator }, so the sheet cannot read it back unchanged
import-cannot-export-help = reword it so it does not contain the separator
import-not-written-back = the bank read back differs from the imported questions, so it was not written (this is a jiayuan bug, please report it)
import-cannot-export-spaces = { $what } “{ $value }” starts or ends with white space, which the sheet drops when read back
import-cannot-export-spaces-help = delete the spaces or line breaks at its start and end
import-output-exists = { $file } already exists; nothing was changed
import-output-exists-help = add --force to overwrite it, or choose another file name with --output
import-gift-unsupported = unsupported GIFT question type: { $what }
import-gift-unsupported-help = the types that import are single choice {"{"}=right ~wrong{"}"}, multiple choice {"{"}~%50%one ~%50%two ~%-100%three{"}"}, true/false {"{"}T{"}"} or {"{"}F{"}"}, and short answer {"{"}=answer =another spelling{"}"}
import-gift-essay = essay (an empty answer block {"{"}{"}"})
import-gift-numerical = numerical ({"{"}#…{"}"})
import-gift-matching = matching (->)
import-gift-many-blocks = more than one answer block in a question (leave an empty line between questions)
import-gift-unclosed = the answer block's {"{"} has no matching {"}"}
import-gift-unclosed-help = add {"}"} after the answers
import-gift-no-answers = this question has no answer block {"{"}…{"}"}
import-gift-no-answers-help = write a GIFT question as: stem {"{"}=right answer ~wrong answer{"}"}; write remarks as // comments
import-gift-stray = “{ $found }” cannot stand before or after the answer block
import-gift-stray-help = inside answers, write = ~ # {"{"} {"}"} : as \= \~ \# \{"{"} \{"}"} \:
import-gift-bad-weight = cannot read the weight %{ $weight }%
import-gift-bad-weight-help = write the weight as %50% or %-100%
import-gift-partial = { $detail }: questions here score right or wrong, so partial credit cannot be kept
import-gift-partial-help = in a multiple choice question give right options a positive weight and wrong ones a negative weight, for example ~%50%one ~%50%two ~%-100%three
import-gift-partial-short-answer = a partial-credit answer of a short answer question
import-gift-partial-single = a weight in a single choice question
import-gift-partial-not-full = the only right option is not 100%
import-gift-wrong-feedback = feedback for a wrong answer cannot be imported: each question has one explanation only
import-gift-many-feedbacks = several right answers have their own feedback, which cannot become one explanation
import-gift-feedback-help = write the explanation as general feedback ####explanation, before the {"}"}
import-gift-option-count = a choice question needs 2–6 options; this one has { $count }
import-gift-empty-answer = the answer is empty
import-gift-option-repeats = the option “{ $option }” is there twice
import-gift-correct-count = a single choice question has exactly one = right answer; this one has { $count }
import-gift-correct-count-help = for more than one right answer, write a multiple choice question with weights: ~%50%one ~%50%two ~%-100%three
import-gift-no-correct = the multiple choice question has no right option (one with a positive weight)
import-gift-no-correct-help = write right options as ~%50%one and wrong ones as ~%-100%three
import-gift-title-spaces = the question name ::{ $title }:: is its id, so it cannot contain spaces
import-gift-title-spaces-help = remove the spaces, or delete ::name:: to number the question automatically
import-gift-missing-difficulty = no difficulty is given
import-gift-missing-difficulty-help = write a comment // 难度：2 (1–3) on the line above the question; a comment in a paragraph of its own holds for all the questions after it
import-gift-format = the text format [{ $marker }] is not supported
import-gift-format-help = stems are imported as plain text; delete the format marker, or change it to [plain]
import-gift-duplicate-title = the question name ::{ $id }:: is used twice; first on line { $line }
import-gift-duplicate-title-help = question names are ids, so each must be different

## serve (generator serve: app, contest, watch)
serve-no-runtime = cannot start the server runtime
serve-cannot-accept = serve: cannot accept a connection: { $reason }
serve-cannot-watch = serve: cannot watch { $path }: { $reason }
serve-contest-answering = contest server: answering { $prefix } (database { $db })
serve-contest-not-started = contest server not started, { $prefix } will answer 404: { $reason }
quiz-import-done = imported { $count ->
    [one] 1 question
   *[other] { $count } questions
} into { $file }
quiz-export-done = exported { $count ->
    [one] 1 question
   *[other] { $count } questions
} to { $file }
quiz-export-csv-no-title = note: CSV keeps no bank title; give it with --title when importing again

## The quiz engine's checks of banks and contests (wasm-quiz, native `yaml` feature)
quiz-file-too-large = the file is larger than { $mib } MiB
quiz-file-too-large-help = split the questions over several bank files
quiz-yaml-too-deep = lists or `key: value` maps nest more than { $limit } levels deep
quiz-yaml-too-deep-help = a bank needs three levels (questions, a question, its options); close the brackets you opened
quiz-yaml-too-many-aliases = aliases (`*name`) repeat too many values
quiz-yaml-too-many-aliases-help = write the values out instead of repeating an `&anchor` with `*alias`
quiz-yaml-duplicate-key = `{ $key }` is written twice in the same mapping
quiz-yaml-duplicate-some-key = a key is written twice in the same mapping
quiz-yaml-duplicate-key-help = keep one of the two lines
quiz-yaml-syntax = this file is not valid YAML
quiz-yaml-syntax-help = check indentation and quoting here; text containing `: ` or starting with `[`, `{"{"}`, `*`, `&` or `!` must be quoted
quiz-cannot-read = cannot read quiz file: { $reason }
quiz-yml-extension = quiz files must end in `.yaml`
quiz-yml-extension-help = rename the file; `.yml` files are not read
quiz-expected-one-of = expected one of: { $allowed }
quiz-expected-keys = expected keys: { $keys }
quiz-found-nothing = nothing
quiz-found-bool = `{ $value }`
quiz-found-number = the number { $value }
quiz-found-text = the text `{ $value }`
quiz-found-list = a list
quiz-found-mapping = a mapping
quiz-what-bank-file = the bank file
quiz-what-contest-file = the contest file
quiz-what-question-id = question `{ $id }`
quiz-what-question-number = question { $number }
quiz-what-draw-rule = draw rule { $number }
quiz-what-scoring = `scoring`
quiz-not-a-mapping = { $what } must be a mapping of keys, found { $found }
quiz-unknown-key = unknown key `{ $key }` in { $what }
quiz-missing-key = { $what } is missing `{ $key }`
quiz-wrong-kind = `{ $key }` must be { $want }, found { $found }
quiz-want-text = text
quiz-want-bool = true or false
quiz-want-whole = a whole number
quiz-want-number = a number
quiz-want-list = a list
quiz-out-of-range = `{ $key }` is { $value }, outside the range { $min }–{ $max }
quiz-item-not-text = item { $number } of `{ $key }` must be text, found { $found }
quiz-bank-name-mismatch = bank name `{ $name }` does not match the file name `{ $stem }`
quiz-bank-name-mismatch-help = set `bank: { $stem }` or rename the file to `{ $name }.yaml`
quiz-bad-question-id = question id `{ $id }` must be non-empty and without spaces
quiz-bad-question-id-help = use a short slug such as `youth-001`
quiz-empty-stem = { $what } has an empty stem
quiz-source-url-not-relative = `source_url` must be a site-relative URL, found `{ $url }`
quiz-source-url-not-relative-help = start it with a single `/` and the path, e.g. `/youth-health/`; `//` and `/\` lead to another site
quiz-unknown-type = { $what } has unknown type `{ $kind }`
quiz-options-not-taken = a { $kind } question takes no `options`
quiz-options-not-taken-help = remove `options`, or change `type`
quiz-options-none = no options
quiz-options-too-few = too few options ({ $count })
quiz-options-too-many = too many options ({ $count })
quiz-option-count = { $what } has { $count }; a { $kind } question needs { $min }–{ $max }
quiz-option-empty = option { $letter } of { $what } is empty
quiz-option-repeated = option { $letter } repeats option { $first } (`{ $text }`)
quiz-letters-none = (none)
quiz-letters = A–{ $last }
quiz-answer-not-an-option = answer `{ $answer }` is not among the options { $letters }
quiz-multiple-too-few = a multiple question needs at least 2 correct letters, found { $count }
quiz-multiple-too-few-help = use `type: single` for one correct option
quiz-fill-blank-answers = a fill_blank question needs a list of non-empty accepted answers
quiz-fill-blank-answers-help = e.g. `answer: [1982年, 一九八二年]`
quiz-answer-wrong-kind = the answer of a { $kind } question must be { $want }, found { $found }
quiz-want-answer-single = one option letter, e.g. `answer: B`
quiz-want-answer-multiple = a list of option letters, e.g. `answer: [A, C]`
quiz-want-answer-true-false = `true` or `false`
quiz-want-answer-fill-blank = a list of accepted strings
quiz-contest-id-mismatch = contest id `{ $id }` does not match the file name `{ $stem }`
quiz-contest-id-mismatch-help = set `id: { $stem }` or rename the file to `{ $id }.yaml`
quiz-question-time-too-long = a question may take { $question } s, longer than the whole contest's { $total } s
quiz-closes-before-opens = `closes_at` is not after `opens_at`, so the contest would never be open
quiz-closes-before-opens-help = swap the two times, or correct the later one
quiz-not-a-time = `{ $key }` is `{ $value }`, not a time with an offset
quiz-not-a-time-help = write it like `{ $key }: 2022-05-29T08:00:00+08:00`
quiz-unknown-choice = unknown { $key } `{ $value }`
quiz-draw-not-a-list = `draw` must be a list of rules, found { $found }
quiz-draw-not-a-list-help = e.g. `draw: [{ "{" } bank: association, count: 4 { "}" }]`
quiz-draw-empty = `draw` has no rules, so papers would be empty
quiz-duplicate-id = duplicate question id `{ $id }`; first defined at { $first }
quiz-duplicate-id-help = ids must be unique across all banks
quiz-draw-unknown-bank = draw rule { $rule } names bank `{ $bank }`, which does not exist
quiz-draw-unknown-tag = draw rule { $rule } names tag `{ $tag }`, which no question has
quiz-draw-shortfall = draw rule { $rule }{ $filters } asks for { $count ->
        [one] 1 question
       *[other] { $count } questions
    } but only { $matching } match
quiz-draw-shortfall-shared = draw rule { $rule }{ $filters } asks for { $count ->
        [one] 1 question
       *[other] { $count } questions
    } but only { $matching } match, and earlier rules may take up to { $taken } of them ({ $available } available)
quiz-draw-shortfall-help = lower `count`, add questions, or make the rules not overlap
quiz-filters = { " " }({ $filters })
quiz-filters-none = { "" }
quiz-filter-bank = bank `{ $bank }`
quiz-filter-tag = tag `{ $tag }`
quiz-filter-difficulty = difficulty { $level }
quiz-filter-type = type `{ $kind }`
quiz-pass-mark-unreachable = pass_mark { $mark } is more than the highest score a paper can reach ({ $best })
## Shortcodes (issue 16)
shortcode-unknown = unknown shortcode `{ $name }`
shortcode-unknown-help = the shortcodes are { $names }; a site adds its own as templates/shortcodes/NAME.html
shortcode-bad-args = this shortcode's arguments cannot be read
shortcode-bad-args-help = write each argument as name="text", name=3 or name=true, separated by commas, and close the call: {"{{"} figure(src="a.png", alt="说明") {"}}"}
shortcode-unclosed = this shortcode is not closed
shortcode-no-end = shortcode `{ $name }` has no {"{"}% end %{"}"}
shortcode-no-end-help = a shortcode with a body ends on a line of its own: {"{"}% { $name }(…) %{"}"}, the body, then {"{"}% end %{"}"}
shortcode-body-inline = shortcode `{ $name }` makes a block of its own, so it stands on lines of its own, with an empty line before and after
shortcode-stray-end = {"{"}% end %{"}"} closes no shortcode
shortcode-stray-end-help = remove it, or open the shortcode it should close above it
shortcode-repeated-arg = the argument `{ $arg }` is given twice
shortcode-repeated-arg-help = keep one of them
shortcode-needs-body = shortcode `{ $name }` needs a body
shortcode-no-body = shortcode `{ $name }` takes no body
shortcode-usage = write it as { $usage }
shortcode-unknown-arg = shortcode `{ $name }` has no argument `{ $arg }`
shortcode-known-args = its arguments are { $args }: { $usage }
shortcode-arg-not-text = the argument `{ $arg }` of `{ $name }` must be text in quotes
shortcode-missing-arg = shortcode `{ $name }` needs the argument `{ $arg }`
shortcode-missing-file = the file `{ $target }` of shortcode `{ $name }` does not exist
shortcode-bad-kind = `{ $kind }` is not a kind of notice
shortcode-kinds = the kinds are { $kinds }
shortcode-unknown-contest = there is no contest `{ $id }`
shortcode-unknown-contest-help = the contests in quiz/contests/ are { $ids }
shortcode-failed = the template of shortcode `{ $name }` failed: { $detail }
shortcode-failed-help = fix the template templates/shortcodes/{ $name }.html, or the arguments it reads
video-not-mp4-webm = the video `{ $target }` is not an MP4 or WebM file
video-not-mp4-webm-help = browsers play .mp4 (H.264) and .webm; give both with the same name for the widest reach
video-no-captions = the video `{ $target }` has no captions: `{ $captions }` is missing
video-no-captions-help = write its WebVTT captions beside it with the same name; readers who cannot hear it need them (适老化, WCAG 1.2.2)

## Responsive images (issue 16)
owner-image-copy = a resized copy of { $file }
image-unreadable = this picture cannot be read: { $reason }
image-unreadable-help = save it again as PNG or JPEG, or link to it as a file instead of showing it
owner-share-card = the share card of { $file }
share-card-missing-glyph = the share card cannot show `{ $char }` ({ $code }): the card font lacks it
share-card-missing-glyph-help = this page shares the portal's card instead; write the title without the character, give the page a `cover`, or set `share_cards = false` in site.toml
share-card-site-help = the site's name is on every share card, so pages share the portal's card instead; write the name without the character, or set `share_cards = false` in site.toml
images-counted = images: { $resized } resized, { $cached } from the cache
cards-counted = share cards: { $drawn } drawn, { $cached } from the cache
