#!/usr/bin/env python3
"""Synthetic benchmark corpus for jiayuan (and the same pages as a Hugo site).

    python3 bench/gen_corpus.py N OUTDIR           # jiayuan site: site.toml + content/
    python3 bench/gen_corpus.py N OUTDIR --hugo    # Hugo site: hugo.toml + content/ + layouts/

Deterministic: the same N gives byte-identical files (fixed seed, no clock).
Both flavours hold the same N pages with the same text; only internal links differ
(`@/section/page-000123.md` for jiayuan, `/section/page-000123/` for Hugo).
Python 3 standard library only.
"""

import os
import random
import shutil
import sys

SEED = 20240520
TARGET_BYTES = 5000  # body + front matter of a page, UTF-8 bytes (approximate)

SECTIONS = [
    # key, title, description, weight in the spread of pages
    ("news", "新闻动态", "全省各级计生协工作动态与基层活动报道", 30),
    ("policy", "政策解读", "生育支持政策、计生家庭奖励扶助政策的权威解读", 12),
    ("marriage-culture", "新型婚育文化", "倡导适龄婚育、夫妻共担育儿责任的新型婚育文化建设", 10),
    ("healthy-birth", "优生优育", "孕前优生、孕期保健与婴幼儿照护知识", 14),
    ("family-health", "家庭健康", "家庭健康促进行动与健康家庭建设", 12),
    ("youth-health", "青春健康", "青春健康教育进校园、进社区、进企业", 12),
    ("contraceptive-service", "避孕药具服务", "免费避孕药具发放与咨询服务", 6),
    ("about", "关于我们", "河北省计划生育协会简介、机构设置与联系方式", 4),
]

CITIES = ["石家庄", "唐山", "秦皇岛", "邯郸", "邢台", "保定", "张家口",
          "承德", "沧州", "廊坊", "衡水", "定州", "辛集"]

AUTHORS = ["省计生协宣传部", "省计生协组织联络部", "省计生协家庭健康部", "省计生协青春健康办公室",
           "市计生协通讯员", "县计生协办公室", "本站编辑部", "基层计生协会员之家"]

TAGS = [
    "优生优育", "青春健康", "家庭健康", "婚育新风", "三孩政策", "生育支持", "托育服务",
    "计生特殊家庭", "暖心行动", "幸福工程", "关爱帮扶", "健康知识", "孕前优生", "孕期保健",
    "婴幼儿照护", "科学育儿", "性与生殖健康", "避孕药具", "心理健康", "老年健康",
    "健康家庭", "家风建设", "基层组织", "会员之家", "志愿服务", "入户走访", "健康讲座",
    "政策宣传", "奖励扶助", "计生保险", "流动人口", "留守儿童", "校园活动", "社区服务",
    "新时代婚育文化", "人口监测", "妇幼健康", "营养膳食", "40周年", "知识竞答",
]

# Topic words that fill the title templates.
TOPICS = [
    "青春健康教育", "优生优育知识", "家庭健康促进", "新型婚育文化", "计生特殊家庭帮扶",
    "暖心家园建设", "托育服务体系", "生育支持政策", "科学育儿指导", "避孕药具发放",
    "会员之家建设", "家庭健康服务", "健康知识宣讲", "婚育新风进万家", "婴幼儿照护服务",
    "孕前优生健康检查", "青少年性与生殖健康", "流动人口关怀关爱", "老年人心理关爱", "家风家教",
]

TITLE_TEMPLATES = [
    "{city}市计生协开展{topic}主题活动",
    "{city}：{topic}走进社区",
    "{city}召开{topic}工作推进会",
    "{topic}培训班在{city}举办",
    "{city}扎实推进{topic}工作",
    "聚焦{topic}，{city}计生协出实招",
    "{city}计生协“{topic}”志愿服务纪实",
    "关于做好{topic}工作的通知",
    "{topic}：{city}的经验与做法",
    "{city}举办{topic}知识讲座",
    "{topic}问答（{city}篇）",
    "{city}计生协组织{topic}专题调研",
]

HEADINGS = [
    "工作背景", "主要做法", "活动概况", "服务内容", "取得成效", "经验启示", "下一步打算",
    "政策要点", "办理流程", "常见问题", "专家提醒", "健康小贴士", "群众反响", "基层声音",
    "组织保障", "宣传倡导", "服务对象", "注意事项", "典型案例", "工作要求",
]

SENTENCES = [
    # 计生协工作
    "市计生协坚持以群众需求为导向，把服务送到家门口。",
    "各级计生协组织充分发挥群众性、基层性优势，打通服务群众的最后一公里。",
    "活动现场，志愿者向群众发放宣传资料，耐心解答大家关心的问题。",
    "协会把计生特殊家庭帮扶作为一项重要任务，建立了常态化联系机制。",
    "工作人员逐户走访，详细了解家庭的生活、健康和心理状况。",
    "会员之家已成为基层群众参与自我教育、自我服务的重要阵地。",
    "县计生协联合卫生健康部门，组织医护人员深入乡村开展义诊。",
    "各地结合实际创新工作方法，形成了一批可复制、可推广的经验。",
    "通过“线上+线下”相结合的方式，宣传覆盖面明显扩大。",
    "协会积极争取社会力量支持，为困难家庭送去米面油等生活物资。",
    "基层计生协专干利用节假日开展面对面宣传，受到群众普遍欢迎。",
    "省计生协要求各地把握重点任务，压实工作责任，确保各项措施落到实处。",
    "参会人员围绕如何深化群众自治、提升服务能力进行了交流发言。",
    "暖心行动以精神慰藉、生活照料、就医帮扶为重点，持续温暖计生特殊家庭。",
    "幸福工程项目帮助受助母亲发展生产，增强了家庭的自我发展能力。",
    "协会把党建工作与业务工作深度融合，以党建引领推动各项工作提质增效。",
    "培训采取专题授课、案例研讨和现场观摩相结合的方式进行。",
    "学员们纷纷表示，培训内容贴近实际，对做好基层工作很有帮助。",
    "社区计生协组建了由退休医生、教师和党员组成的志愿服务队。",
    "活动还设置了有奖问答环节，现场气氛热烈，群众参与积极性很高。",
    # 优生优育
    "孕前优生健康检查能够帮助计划怀孕的夫妇及早发现风险因素。",
    "专家建议，计划怀孕的女性应在孕前三个月开始补充叶酸。",
    "孕期要坚持定期产检，做到早发现、早干预。",
    "合理膳食、适量运动和充足睡眠是孕期保健的基础。",
    "新生儿疾病筛查是减少出生缺陷、提高出生人口素质的重要措施。",
    "婴幼儿照护要遵循儿童生长发育规律，做到科学喂养、积极回应。",
    "提倡母乳喂养，六个月内婴儿纯母乳喂养有利于母婴健康。",
    "家长要多陪伴孩子阅读、游戏，促进儿童语言和认知发展。",
    "托育机构应当配备符合条件的保育人员，保障婴幼儿安全。",
    "专家提醒，孕妇用药要谨慎，必须在医生指导下进行。",
    "高龄孕妇更需要加强孕期监测，按照医嘱做好产前筛查。",
    "科学育儿讲座为年轻父母答疑解惑，帮助他们掌握实用的育儿技能。",
    "优生优育宣传进社区活动，让更多家庭了解到孕育健康知识。",
    "产后恢复同样重要，新妈妈要注意休息，保持心情舒畅。",
    # 青春健康
    "青春健康教育帮助青少年正确认识青春期身心变化。",
    "同伴教育是青春健康项目的特色，青少年在互动中学习、在参与中成长。",
    "主持人通过游戏、情景剧等形式，引导学生学会保护自己。",
    "学校、家庭和社会要形成合力，共同守护青少年健康成长。",
    "青春健康课堂走进中学，受到师生和家长的一致好评。",
    "家长课堂引导父母学会倾听，与孩子进行平等、真诚的沟通。",
    "大学生志愿者经过系统培训后，成为青春健康同伴教育主持人。",
    "课程内容涵盖青春期生理卫生、人际交往、情绪管理等方面。",
    "面对网络上良莠不齐的信息，青少年需要获得科学、准确的健康知识。",
    "青春健康项目进企业，为外来务工青年提供生殖健康咨询服务。",
    "心理咨询老师提醒，青少年遇到烦恼时要主动向家长和老师求助。",
    # 家庭健康
    "家庭是社会的基本细胞，家庭健康是全民健康的基础。",
    "家庭健康指导员入户开展健康教育，帮助群众养成文明健康的生活方式。",
    "健康家庭评选活动引导广大家庭注重家庭、注重家教、注重家风。",
    "倡导“每个人是自己健康第一责任人”的理念，提高群众健康素养。",
    "针对慢性病患者，社区医生定期上门随访，提供用药指导。",
    "减盐、减油、减糖是预防高血压、糖尿病等慢性病的有效措施。",
    "老年人要保持适量运动，注意防跌倒，定期进行健康体检。",
    "家庭成员之间相互关心、相互支持，有利于每个人的身心健康。",
    "健康知识讲座内容通俗易懂，群众听得明白、学得会、用得上。",
    "心理健康同样重要，家庭成员出现情绪困扰时要及时疏导。",
    "家庭医生签约服务为居民提供连续、综合的健康管理。",
    "夫妻共同承担家务和育儿责任，有助于构建和谐的家庭关系。",
    # 婚育文化与政策
    "新型婚育文化倡导适龄婚育、优生优育，反对高价彩礼等陈规陋习。",
    "婚育新风进万家活动将政策宣传与文艺演出有机结合。",
    "各地广泛开展“婚育新风进万家”活动，倡导文明、健康的婚育观念。",
    "“暖心家园”项目为计生特殊家庭提供了一个温馨的活动场所。",
    "村规民约中增加了移风易俗的内容，婚事新办、简办蔚然成风。",
    "生育支持政策的落地，需要全社会营造生育友好的良好氛围。",
    "符合条件的计划生育家庭可按规定申领奖励扶助金。",
    "申请人需携带身份证、户口簿等材料，到户籍所在地乡镇办理。",
    "各地进一步完善生育休假制度，保障职工依法享受产假和育儿假。",
    "普惠托育服务的发展，有效缓解了双职工家庭的育儿压力。",
    "政策解读会邀请相关部门负责人现场答疑，回应群众关切。",
    "计生家庭意外伤害保险为群众增加了一份保障。",
    "协会将继续做好政策宣传，让惠民政策家喻户晓、深入人心。",
    "基层干部要熟悉政策内容，做到宣传到位、服务到位。",
    # 避孕药具
    "免费避孕药具可在社区卫生服务中心和药具自助发放机领取。",
    "育龄群众应在专业人员指导下选择适合自己的避孕方法。",
    "药具管理员定期检查发放机运行情况，及时补充药具。",
    "科学避孕能够有效减少意外妊娠，保护女性生殖健康。",
    "针对流动人口，工作人员将避孕药具送到工地、企业宿舍。",
    "避孕药具知识宣传以通俗易懂的方式普及科学避孕知识。",
    # 收尾、展望
    "下一步，协会将进一步创新服务方式，不断提升群众的获得感和幸福感。",
    "大家表示，将以此次活动为契机，把学到的知识带回家、讲给身边人。",
    "此次活动的成功举办，进一步扩大了计生协在群众中的影响力。",
    "今后，各级计生协将持续深化服务，为建设健康河北贡献力量。",
    "会议强调，要坚持问题导向，补短板、强弱项，推动工作再上新台阶。",
    "活动结束后，工作人员对群众反映的问题逐一登记，并及时跟进解决。",
]

# Phrases that may be bolded in running text; they all occur in SENTENCES.
BOLD_PHRASES = [
    "“婚育新风进万家”", "“暖心家园”",
    "计生特殊家庭", "会员之家", "暖心行动", "幸福工程", "孕前优生健康检查", "叶酸",
    "青春健康", "同伴教育", "家庭健康", "新型婚育文化", "婚育新风进万家", "科学避孕",
    "奖励扶助金", "普惠托育服务", "最后一公里", "慢性病", "健康家庭", "母乳喂养",
]

LIST_ITEMS = [
    "宣传政策法规，普及健康知识", "开展入户走访，建立帮扶台账", "组织义诊咨询，提供健康体检",
    "设立咨询台，现场答疑解惑", "发放宣传折页和免费避孕药具", "开展心理疏导和精神慰藉",
    "举办家长课堂和亲子活动", "组织志愿者结对帮扶", "建立微信群，及时推送健康资讯",
    "联系医疗机构开通就医绿色通道", "开展健康家庭评选表彰", "组织青春健康同伴教育主持人培训",
    "更新维护药具自助发放机", "收集群众意见建议并及时反馈", "开展节日走访慰问",
    "利用村广播播放健康知识", "举办孕妇学校和育儿讲座", "推进托育机构规范化建设",
]

TABLE_HEADS = [
    ("项目", "服务内容", "办理地点"),
    ("时间", "活动内容", "参加对象"),
    ("类别", "标准", "说明"),
]

TABLE_ROWS = [
    ("孕前优生健康检查", "免费检查与风险评估", "县级妇幼保健院"),
    ("避孕药具领取", "免费发放常用药具", "社区卫生服务中心"),
    ("奖励扶助申请", "按规定申报审核", "乡镇便民服务中心"),
    ("青春健康课堂", "同伴教育互动课程", "辖区中小学"),
    ("家庭健康指导", "入户健康教育", "村（社区）计生协"),
    ("心理疏导", "一对一倾听陪伴", "暖心家园"),
    ("托育咨询", "托育机构信息查询", "卫生健康局"),
    ("义诊活动", "常见病咨询与测量血压", "社区广场"),
]

INTROS = [
    "近日，{city}计生协围绕{topic}组织开展了形式多样的活动。",
    "为深入推进{topic}，{city}各级计生协精心组织、周密部署。",
    "日前，{topic}工作在{city}全面铺开，受到广大群众欢迎。",
    "{city}计生协立足实际，把{topic}作为服务群众的重要抓手。",
]


def split_sentence_with_bold(rng, sentence):
    """Bolds one phrase of the sentence, so `**` sits next to Chinese punctuation often."""
    for phrase in rng.sample(BOLD_PHRASES, len(BOLD_PHRASES)):
        i = sentence.find(phrase)
        if i >= 0:
            return sentence[:i] + "**" + phrase + "**" + sentence[i + len(phrase):]
    # No phrase: bold the clause before the first comma (the closing ** touches "，").
    j = sentence.find("，")
    if j > 0:
        return "**" + sentence[:j] + "**" + sentence[j:]
    return sentence


class Page:
    __slots__ = ("idx", "section", "title", "date", "description", "tags", "city",
                 "author", "topic", "path_key")


def plan_pages(n, rng):
    keys = [s[0] for s in SECTIONS]
    weights = [s[3] for s in SECTIONS]
    pages = []
    for i in range(n):
        p = Page()
        p.idx = i
        # Every section gets at least one page while N allows.
        p.section = keys[i] if i < len(keys) else rng.choices(keys, weights)[0]
        p.city = rng.choice(CITIES)
        p.topic = rng.choice(TOPICS)
        p.title = rng.choice(TITLE_TEMPLATES).format(city=p.city, topic=p.topic)
        month = rng.randint(1, 24)
        year, month = 2022 + (month - 1) // 12, (month - 1) % 12 + 1
        p.date = "%04d-%02d-%02d" % (year, month, rng.randint(1, 28))
        p.description = rng.choice(INTROS).format(city=p.city, topic=p.topic)
        p.tags = rng.sample(TAGS, rng.randint(2, 4))
        p.author = rng.choice(AUTHORS)
        p.path_key = "page-%06d" % i
        pages.append(p)
    return pages


def link(target, hugo):
    if hugo:
        return "/%s/%s/" % (target.section, target.path_key)
    return "@/%s/%s.md" % (target.section, target.path_key)


def front_matter(p):
    tags = ", ".join(p.tags)
    return (
        "---\n"
        "title: %s\n"
        "date: %s\n"
        "description: %s\n"
        "tags: [%s]\n"
        "city: %s\n"
        "author: %s\n"
        "---\n\n" % (p.title, p.date, p.description, tags, p.city, p.author)
    )


def paragraph(rng, k):
    sents = rng.sample(SENTENCES, k)
    if rng.random() < 0.6:
        j = rng.randrange(k)
        sents[j] = split_sentence_with_bold(rng, sents[j])
    return "".join(sents)


def body(p, pages, rng):
    """Returns the body as a list of blocks; `None` marks where links go."""
    blocks = [p.description + paragraph(rng, 3)]
    n_heads = rng.randint(3, 5)
    heads = rng.sample(HEADINGS, n_heads)
    want_table = rng.random() < 0.3
    table_at = rng.randrange(n_heads) if want_table else -1
    list_at = set(rng.sample(range(n_heads), rng.randint(1, 2)))
    for h, head in enumerate(heads):
        blocks.append("## " + head)
        blocks.append(paragraph(rng, rng.randint(3, 5)))
        if h in list_at:
            items = rng.sample(LIST_ITEMS, rng.randint(3, 5))
            if rng.random() < 0.5 and "，" in items[0]:
                lead, rest = items[0].split("，", 1)
                items[0] = "**" + lead + "**：" + rest
            blocks.append("\n".join("- " + it + "；" if k + 1 < len(items) else "- " + it + "。"
                                    for k, it in enumerate(items)))
        if h == table_at:
            head_row = rng.choice(TABLE_HEADS)
            rows = rng.sample(TABLE_ROWS, rng.randint(3, 5))
            lines = ["| %s | %s | %s |" % head_row, "|---|---|---|"]
            lines += ["| %s | %s | %s |" % r for r in rows]
            blocks.append("\n".join(lines))
        blocks.append(paragraph(rng, rng.randint(2, 4)))
    return blocks


def link_targets(p, pages, rng):
    n = len(pages)
    if n < 2:
        return []
    k = min(rng.randint(1, 3), n - 1)
    out = []
    while len(out) < k:
        t = pages[rng.randrange(n)]
        if t is not p and t not in out:
            out.append(t)
    return out


def render_page(p, pages, rng, hugo):
    fm = front_matter(p)
    blocks = body(p, pages, rng)
    targets = link_targets(p, pages, rng)
    # Links go into the paragraphs after the headings, as "相关阅读" sentences.
    para_slots = [i for i, b in enumerate(blocks) if i > 0 and not b.startswith(("## ", "- ", "| "))]
    ref = list(blocks)  # jiayuan form: padding must not depend on the flavour
    for t, slot in zip(targets, rng.sample(para_slots, len(targets))):
        blocks[slot] += "详见[%s](%s)。" % (t.title, link(t, hugo))
        ref[slot] += "详见[%s](%s)。" % (t.title, link(t, False))
    text = fm + "\n\n".join(blocks) + "\n"
    size = len((fm + "\n\n".join(ref) + "\n").encode("utf-8"))
    # Pad to ~TARGET_BYTES with more paragraphs (deterministic, varied by page).
    goal = TARGET_BYTES + rng.randint(-300, 300)
    extra = []
    while size < goal:
        extra.append(paragraph(rng, rng.randint(2, 3)))
        size += len(extra[-1].encode("utf-8")) + 2
    if extra:
        # Spread the padding over the sections: section h gets extra[h::n_sections].
        heads = [i for i, b in enumerate(blocks) if b.startswith("## ")]
        ends = heads[1:] + [len(blocks)]
        out = blocks[:heads[0]]
        for h, (start, end) in enumerate(zip(heads, ends)):
            out += blocks[start:end] + extra[h::len(heads)]
        text = fm + "\n\n".join(out) + "\n"
    return text


def section_index(key, title, desc, hugo):
    fm = "---\ntitle: %s\ndescription: %s\n" % (title, desc)
    if not hugo:
        fm += "sort_by: date\npaginate_by: 10\n"
    fm += "---\n\n%s栏目汇集%s。\n" % (title, desc)
    return fm


SITE_TOML = """\
# Benchmark corpus generated by bench/gen_corpus.py (N = {n}).
title = "河北省网上计生协"
description = "河北省计划生育协会门户：权威资讯、婚育新风、优生优育、家庭健康、青春健康与便民服务"
base_url = "http://127.0.0.1:1111"
language = "zh-CN"
author = "河北省计划生育协会"

summary_chars = 120
chars_per_minute = 400
paginate_by = 10

[[taxonomies]]
name = "tags"
title = "标签"
paginate_by = 20

[[taxonomies]]
name = "categories"
title = "分类"

[[nav]]
name = "首页"
url = "/"

[[nav]]
name = "新闻动态"
url = "/news/"

[[nav]]
name = "政策解读"
url = "/policy/"

[[nav]]
name = "优生优育"
url = "/healthy-birth/"

[[nav]]
name = "家庭健康"
url = "/family-health/"

[[nav]]
name = "青春健康"
url = "/youth-health/"

[[nav]]
name = "关于我们"
url = "/about/"

[extra]
anniversary_banner = "河北省计划生育协会成立40周年"
"""

HUGO_TOML = """\
# Benchmark corpus generated by bench/gen_corpus.py --hugo (N = {n}).
baseURL = "http://127.0.0.1:1111/"
languageCode = "zh-cn"
defaultContentLanguage = "zh"
title = "河北省网上计生协"
hasCJKLanguage = true
summaryLength = 120
paginate = 10
enableRobotsTXT = false
disableKinds = []

[params]
description = "河北省计划生育协会门户：权威资讯、婚育新风、优生优育、家庭健康、青春健康与便民服务"
author = "河北省计划生育协会"
anniversary_banner = "河北省计划生育协会成立40周年"

[taxonomies]
tag = "tags"
category = "categories"

# Like jiayuan: one site-wide Atom/RSS feed on the home page, HTML elsewhere.
[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]

[markup.goldmark.renderer]
unsafe = false

[markup.tableOfContents]
startLevel = 2
endLevel = 3

[related]
includeNewer = true
threshold = 1
toLower = false
[[related.indices]]
name = "tags"
weight = 100

[[menu.main]]
name = "首页"
url = "/"
weight = 1
[[menu.main]]
name = "新闻动态"
url = "/news/"
weight = 2
[[menu.main]]
name = "政策解读"
url = "/policy/"
weight = 3
[[menu.main]]
name = "优生优育"
url = "/healthy-birth/"
weight = 4
[[menu.main]]
name = "家庭健康"
url = "/family-health/"
weight = 5
[[menu.main]]
name = "青春健康"
url = "/youth-health/"
weight = 6
[[menu.main]]
name = "关于我们"
url = "/about/"
weight = 7
"""

# Hugo layouts of about the weight of jiayuan's page contract (docs/templates.md):
# nav, breadcrumbs, title/date/city/author/tags, reading time, TOC, content,
# earlier/later in section, up to 5 related pages; paginated lists with summaries.
LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} - {{ end }}{{ .Site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with .Site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header>
<div class="banner">{{ .Site.Params.anniversary_banner }}</div>
<a class="logo" href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav><ul>
{{ range .Site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>
{{ end }}</ul></nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ .Site.Params.author }} · {{ .Site.Params.description }}</p></footer>
</body>
</html>
""",
    "partials/pageref.html": """\
<article class="card">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p class="meta">{{ with .Date }}<time datetime="{{ .Format "2006-01-02" }}">{{ .Format "2006年1月2日" }}</time>{{ end }}
{{ with .Params.city }} · {{ . }}{{ end }}{{ with .Params.author }} · {{ . }}{{ end }} · <a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></p>
<div class="summary">{{ .Summary }}</div>
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>
""",
    "partials/pager.html": """\
{{ $p := .Paginator }}
{{ if gt $p.TotalPages 1 }}
<nav class="pager">
<a href="{{ $p.First.URL }}">首页</a>
{{ with $p.Prev }}<a rel="prev" href="{{ .URL }}">上一页</a>{{ end }}
{{ range $p.Pagers }}<a href="{{ .URL }}"{{ if eq . $p }} aria-current="page"{{ end }}>{{ .PageNumber }}</a> {{ end }}
{{ with $p.Next }}<a rel="next" href="{{ .URL }}">下一页</a>{{ end }}
<a href="{{ $p.Last.URL }}">末页</a>
<span>第 {{ $p.PageNumber }} / {{ $p.TotalPages }} 页</span>
</nav>
{{ end }}
""",
    "_default/single.html": """\
{{ define "main" }}
<nav class="breadcrumbs"><a href="{{ "/" | relURL }}">首页</a> › <a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></nav>
<article>
<h1>{{ .Title }}</h1>
<p class="meta">{{ with .Date }}<time datetime="{{ .Format "2006-01-02" }}">{{ .Format "2006年1月2日" }}</time>{{ end }}
{{ with .Params.city }} · {{ . }}{{ end }}{{ with .Params.author }} · {{ . }}{{ end }} · 约 {{ .ReadingTime }} 分钟读完</p>
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<aside class="toc">{{ .TableOfContents }}</aside>
<div class="content">{{ .Content }}</div>
</article>
<nav class="earlier-later">
{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">上一篇：{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">下一篇：{{ .Title }}</a>{{ end }}
</nav>
{{ $related := .Site.RegularPages.Related . | first 5 }}
{{ with $related }}<section class="related"><h2>相关阅读</h2><ul>
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}
</ul></section>{{ end }}
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<nav class="breadcrumbs"><a href="{{ "/" | relURL }}">首页</a> › {{ .Title }}</nav>
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
<div class="intro">{{ .Content }}</div>
<p>共 {{ len .RegularPages }} 篇</p>
{{ range (.Paginate .RegularPages.ByDate.Reverse).Pages }}{{ partial "pageref.html" . }}{{ end }}
{{ partial "pager.html" . }}
{{ end }}
""",
    "_default/terms.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms">
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
""",
    "_default/taxonomy.html": """\
{{ define "main" }}
<nav class="breadcrumbs"><a href="{{ "/" | relURL }}">首页</a> › 标签 › {{ .Title }}</nav>
<h1>标签：{{ .Title }}</h1>
<p>共 {{ len .Pages }} 篇</p>
{{ range (.Paginate .Pages.ByDate.Reverse 20).Pages }}{{ partial "pageref.html" . }}{{ end }}
{{ partial "pager.html" . }}
{{ end }}
""",
    "index.html": """\
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<section class="latest"><h2>最新动态</h2>
{{ range first 20 .Site.RegularPages.ByDate.Reverse }}{{ partial "pageref.html" . }}{{ end }}
</section>
{{ range .Site.Sections }}
<section class="column"><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Description }}</p>
<ul>{{ range first 6 .RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>
</section>
{{ end }}
{{ end }}
""",
    "404.html": """\
{{ define "main" }}<h1>页面未找到</h1><p><a href="{{ "/" | relURL }}">返回首页</a></p>{{ end }}
""",
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def generate(n, out, hugo):
    if os.path.isdir(os.path.join(out, "content")):
        shutil.rmtree(os.path.join(out, "content"))
    if hugo and os.path.isdir(os.path.join(out, "layouts")):
        shutil.rmtree(os.path.join(out, "layouts"))
    rng = random.Random(SEED)
    pages = plan_pages(n, rng)
    if hugo:
        write(os.path.join(out, "hugo.toml"), HUGO_TOML.format(n=n))
        for rel, text in LAYOUTS.items():
            write(os.path.join(out, "layouts", rel), text)
    else:
        write(os.path.join(out, "site.toml"), SITE_TOML.format(n=n))
    write(os.path.join(out, "content", "_index.md"),
          "---\ntitle: 首页\n---\n\n欢迎访问河北省网上计生协。\n")
    for key, title, desc, _ in SECTIONS:
        write(os.path.join(out, "content", key, "_index.md"), section_index(key, title, desc, hugo))
    total = 0
    for p in pages:
        # Per-page RNG: the text of a page does not depend on the flavour.
        prng = random.Random("%d-%d" % (SEED, p.idx))
        text = render_page(p, pages, prng, hugo)
        total += len(text.encode("utf-8"))
        write(os.path.join(out, "content", p.section, p.path_key + ".md"), text)
    return total


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = [a for a in argv[1:] if a.startswith("--")]
    if len(args) != 2 or any(f != "--hugo" for f in flags):
        sys.stderr.write("usage: gen_corpus.py N OUTDIR [--hugo]\n")
        return 2
    n = int(args[0])
    if n < 1:
        sys.stderr.write("N must be at least 1\n")
        return 2
    hugo = "--hugo" in flags
    total = generate(n, args[1], hugo)
    print("%s corpus: %d pages, %.1f KB average, in %s"
          % ("hugo" if hugo else "jiayuan", n, total / n / 1000, args[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
