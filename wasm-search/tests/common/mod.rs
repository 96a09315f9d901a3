//! A deterministic Chinese corpus about family planning and health.
#![allow(dead_code)]

use wasm_search::SearchDoc;

/// SplitMix64: small, seeded, the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

pub const WORDS: &[&str] = &[
    "计划生育",
    "协会",
    "计生协",
    "优生优育",
    "家庭健康",
    "青春健康",
    "暖心行动",
    "特殊家庭",
    "幸福工程",
    "免费避孕药具",
    "孕前检查",
    "出生缺陷",
    "预防",
    "婴幼儿",
    "照护",
    "托育服务",
    "三孩政策",
    "生育支持",
    "婚育文化",
    "新型",
    "志愿者",
    "基层",
    "宣传",
    "服务",
    "群众",
    "母亲",
    "儿童",
    "老年人",
    "慢性病",
    "心理健康",
    "营养",
    "健康教育",
    "讲座",
    "社区",
    "乡村",
    "医院",
    "医生",
    "知识",
    "竞答",
    "活动",
    "开展",
    "组织",
    "举办",
    "参加",
    "关爱",
    "帮扶",
    "困难",
    "救助",
    "保障",
    "政策",
    "落实",
    "推进",
    "提高",
    "质量",
    "科学",
    "养育",
    "孕产妇",
    "保健",
    "疫苗",
    "接种",
    "筛查",
    "随访",
    "家访",
    "培训",
    "骨干",
    "队伍",
    "河北省",
    "石家庄",
    "唐山",
    "保定",
    "邯郸",
    "沧州",
    "廊坊",
    "衡水",
    "周年",
    "纪念",
    "表彰",
    "先进",
    "典型",
    "经验",
    "交流",
    "会议",
    "召开",
    "部署",
    "工作",
    "年度",
    "重点",
    "任务",
    "目标",
    "人口",
    "发展",
    "长期",
    "均衡",
    "婚恋",
    "观念",
    "倡导",
];

const ASCII: &[&str] = &["HPV", "2022年", "AIDS", "12356热线", "COVID-19", "3岁以下"];
pub const SECTIONS: &[(&str, &str)] = &[
    ("news", "工作动态"),
    ("healthy_birth", "优生优育"),
    ("family_health", "家庭健康"),
    ("youth_health", "青春健康"),
    ("warm_heart", "暖心行动"),
];
pub const TAGS: &[&str] = &["政策解读", "基层风采", "健康科普", "志愿服务", "40周年"];

fn sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    for i in 0..3 + rng.below(6) {
        if i > 0 && rng.below(5) == 0 {
            s.push('，');
        }
        if rng.below(12) == 0 {
            s.push_str(rng.pick(ASCII));
        } else {
            s.push_str(rng.pick(WORDS));
        }
    }
    s.push(rng.pick(&['。', '！', '；']));
    s
}

/// `n` documents; the same `n` and `seed` always give the same corpus.
pub fn corpus(n: usize, seed: u64) -> Vec<SearchDoc> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            let (section, section_title) = rng.pick(SECTIONS);
            let mut title = String::new();
            for _ in 0..2 + rng.below(3) {
                title.push_str(rng.pick(WORDS));
            }
            let body: String = (0..4 + rng.below(12)).map(|_| sentence(&mut rng)).collect();
            let mut tags: Vec<String> = Vec::new();
            for _ in 0..rng.below(3) {
                let tag = rng.pick(TAGS).to_string();
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            SearchDoc {
                title,
                section: section.to_string(),
                section_title: section_title.to_string(),
                tags,
                date: Some(format!("2022-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
                url: format!("/{section}/{i:05}/"),
                body: body.into(),
                terms: Vec::new(),
            }
        })
        .collect()
}

/// Common characters for made-up two-character words: they give the long
/// corpus a realistic number of distinct bigrams.
const CHARS: &str = "生家的健康育庭人计要动务群众协孕进工会活服心学员青和到为导作发了持保一提合儿成理助展新重开建药宣知帮传识期有年在社基各教组自春对具项机地方医通性现与风做优解长政策避婚力行少等实定是式办关内面织大中同好及化将时高户母深层容专场护把推检结用得规口问放科注查扶区题应课个产养需后减相答情以上部入前任意受能文见供指量讲详特出广倡法身婴效下病步设民充业培训参适主目明强志愿可续增门假际引师向形妇询责伴托走取咨送全暖普殊系老卫照利压者支立于障级加访领构日求互划龄我确运己料补座回俗易积极样休干措施管外流喂素制党坚举早围堂多之台村反幼评表过申联程资议万子更选经节示奖按点殖怀疑精况乡听请险息纷幸福带孩油糖符条件防位醒很职企困慰近认惠童观不获感份体每慢月念预们细筛绪础此次升针所创约懂妈父交言逐绕复读乳义诊女免费盖游戏度温良握足氛质型疏线共习扩落让信够常夫省欢迎验园承校县神藉贴亲市励公并就案例研测惑色促打调血镇本事倾集州响三景络监陪准间膳食守今河北贡献金缓双契给边正变嘱择采授讨摩分挥势最里盐尿争难去米物始叶酸携证簿材籍平真诚沟来熟悉跌倒已阵艺演宿舍爱第移简蔚然网莠齐断致状扰睡眠耐由退队白当配备安还置环气热烈伤害泛恢舒畅涵往胞如何治阅语完善依享遍营六纯患随邀负切态短板弱再阶批继喻晓处签居连综遵循律馨束映登记跟决周融剧疾缺陷覆显因轻他掌技遇烦恼播谨慎必须价彩礼陈陋功影统妊娠造友妻担谐廊坊密署抓手衡水德石庄邢秦皇";

fn long_sentence(rng: &mut Rng, topic: &[&'static str], chars: &[char]) -> String {
    let mut s = String::new();
    for i in 0..6 + rng.below(10) {
        if i > 0 && rng.below(6) == 0 {
            s.push('，');
        }
        match rng.below(40) {
            0 => s.push_str(rng.pick(WORDS)),
            1..=3 => s.push_str(rng.pick(ASCII)),
            4..=21 => s.push_str(rng.pick(topic)),
            _ => s.extend([rng.pick(chars), rng.pick(chars)]),
        }
    }
    s.push('。');
    s
}

/// `n` pages of about 1,500 characters each, like real articles: each page
/// keeps to a dozen topic words, and made-up words give many distinct bigrams.
pub fn long_corpus(n: usize, seed: u64) -> Vec<SearchDoc> {
    let chars: Vec<char> = CHARS.chars().collect();
    let mut docs = corpus(n, seed);
    let mut rng = Rng::new(seed ^ 0x5EED);
    for doc in &mut docs {
        let topic: Vec<&'static str> = (0..12).map(|_| rng.pick(WORDS)).collect();
        let mut body = String::new();
        while body.chars().count() < 1200 + rng.below(600) {
            body.push_str(&long_sentence(&mut rng, &topic, &chars));
            if rng.below(5) == 0 {
                body.push('\n');
            }
        }
        doc.body = body.into();
    }
    docs
}
