use super::parse::{find, Kind, Malformed, Problem, Value};
use super::*;

#[test]
fn inline_body_and_escaped_calls_are_found_outside_code() {
    let body = "前{{ figure(src=\"a.png\", alt='图', n=3, ok=true) }}后\n\n`{{ figure() }}`\n\n```\n{% notice() %}\n```\n\n{% notice(kind=\"注意\") %}\n正文\n{% end %}\n\n{{/* figure(src=\"x\") */}}";
    let (calls, bad) = find(body);
    assert!(bad.is_empty());
    let names: Vec<&str> = calls.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["figure", "notice", ""]);
    assert_eq!(calls[0].span, 3..53);
    assert!(body[53..].starts_with("后"));
    assert_eq!(calls[0].args[1].value, Value::Str("图".into()));
    assert_eq!(&body[calls[0].args[1].at.clone()], "图");
    assert_eq!(calls[0].args[2].value, Value::Int(3));
    assert_eq!(calls[0].args[3].value, Value::Bool(true));
    let Kind::Body(range) = &calls[1].kind else {
        panic!("{:?}", calls[1]);
    };
    assert_eq!(&body[range.clone()], "\n正文\n");
    assert_eq!(
        calls[2].kind,
        Kind::Escaped("{{ figure(src=\"x\") }}".into())
    );
}

#[test]
fn malformed_calls_are_reported_and_plain_braces_are_text() {
    let (calls, bad) = find("{{ 变量 }} {{ x }} {{ a(b) }} {{ c(d=\"1\" }}\n\n{% n() %}\n\n{% end %} {% end %}\n\n{{ e(f=1, f=2) }}");
    assert!(calls.iter().all(|c| c.name == "n"), "{calls:?}");
    let problems: Vec<Problem> = bad.into_iter().map(|m: Malformed| m.what).collect();
    assert_eq!(
        problems,
        [
            Problem::BadArguments,
            Problem::BadArguments,
            Problem::StrayEnd,
            Problem::Repeated("f".into()),
        ]
    );
    let (_, bad) = find("{% n() %}\n没有结束");
    assert_eq!(bad[0].what, Problem::NoEnd("n".into()));
}

#[test]
fn masking_keeps_every_offset_and_line() {
    let body = "甲{{ figure(src=\"图.png\",\nalt=\"乙\") }}丙\n";
    let (calls, _) = find(body);
    let (masked, names) = mask(body, &calls);
    assert_eq!(masked.len(), body.len());
    assert_eq!(masked.lines().count(), body.lines().count());
    assert!(masked.starts_with(&format!("甲{}\n", names[0])));
    assert!(masked.ends_with("丙\n"));
}

#[test]
fn placeholders_give_way_to_their_output() {
    let names = vec![placeholder(0, 12), placeholder(1, 12)];
    let outputs = vec![
        Output {
            html: "<figure>图</figure>".into(),
            text: "图".into(),
            block: false,
        },
        Output {
            html: "<aside>提示</aside>".into(),
            text: "提示".into(),
            block: true,
        },
    ];
    let html = format!("<p>{}</p>\n<p>前{}后</p>\n", names[0], names[1]);
    assert_eq!(misplaced(&html, &names, &outputs), [1]);
    let html = format!("<p>前{}后</p>\n<p>{}</p>\n", names[0], names[1]);
    assert!(misplaced(&html, &names, &outputs).is_empty());
    assert_eq!(
        substitute(&html, &names, &outputs),
        "<p>前<figure>图</figure>后</p>\n<aside>提示</aside>\n"
    );
    let text = format!("{} {}", names[0], names[1]);
    assert_eq!(substitute_text(&text, &names, &outputs), "图 提示");
}
