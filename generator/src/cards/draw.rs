//! Drawing one share card: the title in white on the portal's red, a yellow rule above
//! it and the site's name on a darker band below, 1200×630 (the size Open Graph readers
//! such as WeChat and the social sites crop least), encoded as PNG. The colours are the
//! default theme's (themes/default/static/css/site.css): white on `--accent` is 7.7:1
//! and on `--accent-dark` 10.7:1, above the 7:1 of WCAG AAA that 适老化 asks for.

use std::sync::LazyLock;

use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};
use image::Rgb;
use sha2::{Digest, Sha256};

use super::wrap::wrap;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// Bump when the drawing changes, so that cached cards are drawn again.
const RENDERER: &str = "share-card 1";

/// Steps of a glyph's edge coverage: 32 look as smooth as 256 at this size and keep the
/// card to a small palette (a quarter of the bytes of RGB).
const STEPS: f32 = 32.0;

/// `--accent`, `--accent-dark`, white and `--highlight` of the default theme.
const BACKGROUND: Rgb<u8> = Rgb([0xa4, 0x16, 0x1a]);
const BAND: Rgb<u8> = Rgb([0x7d, 0x11, 0x14]);
const TEXT: Rgb<u8> = Rgb([0xff, 0xff, 0xff]);
const RULE: Rgb<u8> = Rgb([0xff, 0xd4, 0x00]);

const MARGIN: f32 = 80.0;
/// The title's sizes, largest first: the first that fits in [`MAX_LINES`] is used, and
/// the last is cut short with an ellipsis when even it does not.
/// Sizes are of the em square, in pixels, as CSS's `font-size`.
const TITLE_SIZES: [f32; 2] = [80.0, 64.0];
const MAX_LINES: usize = 3;
const LINE_HEIGHT: f32 = 1.3;
const NAME_SIZE: f32 = 40.0;
/// The band with the site's name: from this height to the bottom.
const BAND_TOP: u32 = 510;
const RULE_TOP: u32 = 72;
const RULE_SIZE: (u32, u32) = (120, 12);

/// Noto Sans CJK SC Bold, cut to GB2312 and ASCII (themes/default/fonts/README.md).
static FONT_BYTES: &[u8] = include_bytes!("../../../themes/default/fonts/share-card.otf");

static FONT: LazyLock<FontRef<'static>> = LazyLock::new(|| {
    FontRef::try_from_slice(FONT_BYTES)
        .unwrap_or_else(|e| unreachable!("the built-in card font is checked by a test: {e}"))
});

/// What a card's bytes depend on besides its text: the renderer, the font and colours.
static STYLE_HASH: LazyLock<String> = LazyLock::new(|| {
    let mut h = Sha256::new();
    h.update(RENDERER);
    h.update(Sha256::digest(FONT_BYTES));
    for c in [BACKGROUND, BAND, TEXT, RULE] {
        h.update(c.0);
    }
    hex(&h.finalize())
});

/// The first character of `text` the card font has no glyph for (spaces aside).
pub fn missing_glyph(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| !c.is_whitespace() && !c.is_control() && FONT.glyph_id(c).0 == 0)
}

/// The cache key of the card of `title` on a site named `name`.
pub fn key(title: &str, name: &str) -> String {
    let mut h = Sha256::new();
    h.update(STYLE_HASH.as_bytes());
    // Lengths first, so that no two (title, name) pairs hash the same text.
    h.update((title.len() as u64).to_le_bytes());
    h.update(title);
    h.update(name);
    hex(&h.finalize())[..20].to_string()
}

/// The PNG of the card of `title` on a site named `name`.
pub fn card(title: &str, name: &str) -> Vec<u8> {
    let mut canvas = Canvas::new();
    let width = WIDTH as f32 - 2.0 * MARGIN;
    let mut chosen = (Vec::new(), TITLE_SIZES[TITLE_SIZES.len() - 1]);
    for size in TITLE_SIZES {
        let (lines, cut) = wrap(title.trim(), width, MAX_LINES, &|s| measure(s, size));
        chosen = (lines, size);
        if !cut {
            break;
        }
    }
    let (lines, size) = chosen;
    // The lines sit in the middle of the space between the rule and the band.
    let line = size * LINE_HEIGHT;
    let top = (RULE_TOP + RULE_SIZE.1) as f32;
    let block = line * lines.len() as f32;
    let first = top + ((BAND_TOP as f32 - top) - block) / 2.0;
    let scaled = FONT.as_scaled(scale(size));
    // Each line's glyph box (ascent to descent) in the middle of its line height.
    let over_baseline = (line - (scaled.ascent() - scaled.descent())) / 2.0 + scaled.ascent();
    for (i, text) in lines.iter().enumerate() {
        let baseline = first + line * i as f32 + over_baseline;
        canvas.text(text, size, MARGIN, baseline);
    }

    let scaled = FONT.as_scaled(scale(NAME_SIZE));
    let band = (HEIGHT - BAND_TOP) as f32;
    let baseline = BAND_TOP as f32 + (band + scaled.ascent() + scaled.descent()) / 2.0;
    canvas.text(name.trim(), NAME_SIZE, MARGIN, baseline);
    canvas.png()
}

/// The scale of `size` pixels per em: ab_glyph scales the font's height (ascent to
/// descent), which for this font is 1.448 em.
fn scale(size: f32) -> PxScale {
    let em = FONT.units_per_em().unwrap_or(1000.0);
    PxScale::from(size * FONT.height_unscaled() / em)
}

/// The width of `text` at `size` pixels per em.
fn measure(text: &str, size: f32) -> f32 {
    let font = FONT.as_scaled(scale(size));
    let mut width = 0.0;
    let mut last = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(prev) = last {
            width += font.kern(prev, id);
        }
        width += font.h_advance(id);
        last = Some(id);
    }
    width
}

/// The text's coverage of each pixel, in [`STEPS`] steps: with the text one colour and
/// the background three, every pixel is one of a small fixed palette, so the card is
/// written as a palette PNG without counting its colours.
struct Canvas {
    coverage: Vec<u8>,
}

impl Canvas {
    fn new() -> Canvas {
        Canvas {
            coverage: vec![0; (WIDTH * HEIGHT) as usize],
        }
    }

    /// Adds `text` from `x` on the line `baseline`.
    fn text(&mut self, text: &str, size: f32, x: f32, baseline: f32) {
        let font = FONT.as_scaled(scale(size));
        let mut caret = x;
        let mut last = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(prev) = last {
                caret += font.kern(prev, id);
            }
            let glyph = id.with_scale_and_position(scale(size), point(caret, baseline));
            caret += font.h_advance(id);
            last = Some(id);
            let Some(outline) = FONT.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let (left, top) = (bounds.min.x as i64, bounds.min.y as i64);
            outline.draw(|gx, gy, c| self.cover(left + i64::from(gx), top + i64::from(gy), c));
        }
    }

    /// Covers one pixel by `c` more (overlapping glyph edges add up, as alpha does).
    fn cover(&mut self, x: i64, y: i64, c: f32) {
        if !(0..i64::from(WIDTH)).contains(&x) || !(0..i64::from(HEIGHT)).contains(&y) {
            return;
        }
        let cell = &mut self.coverage[(y * i64::from(WIDTH) + x) as usize];
        let old = f32::from(*cell) / STEPS;
        let new = old + c.clamp(0.0, 1.0) * (1.0 - old);
        *cell = (new * STEPS).round() as u8;
    }

    /// The background colour under pixel (x, y): index 0, 1 or 2 of [`palette`].
    fn ground(x: u32, y: u32) -> u8 {
        let on_rule = (RULE_TOP..RULE_TOP + RULE_SIZE.1).contains(&y)
            && (MARGIN as u32..MARGIN as u32 + RULE_SIZE.0).contains(&x);
        match () {
            _ if y >= BAND_TOP => 1,
            _ if on_rule => 2,
            _ => 0,
        }
    }

    fn png(&self) -> Vec<u8> {
        let levels = STEPS as u8;
        let data: Vec<u8> = self
            .coverage
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let (x, y) = (i as u32 % WIDTH, i as u32 / WIDTH);
                match Canvas::ground(x, y) {
                    ground if c == 0 => ground,
                    // Text over the band, else over the red (the rule has none by layout).
                    1 => 3 + (levels + 1) + c,
                    _ => 3 + c,
                }
            })
            .collect();
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_compression(png::Compression::Balanced);
        encoder.set_palette(palette());
        let written = encoder
            .write_header()
            .and_then(|mut w| w.write_image_data(&data).and_then(|()| w.finish()));
        written.unwrap_or_else(|e| unreachable!("a PNG of a buffer in memory: {e}"));
        out
    }
}

/// The red, the band and the rule, then the text at each coverage step (1 to [`STEPS`])
/// over the red and over the band: 3 + 2 × 33 colours.
fn palette() -> Vec<u8> {
    let mut out = Vec::new();
    for c in [BACKGROUND, BAND, RULE] {
        out.extend_from_slice(&c.0);
    }
    for ground in [BACKGROUND, BAND] {
        // Index 3 + step for step 1..=STEPS: index 3 (step 0) is never used.
        for step in 0..=STEPS as u8 {
            out.extend_from_slice(&blend(ground, TEXT, f32::from(step) / STEPS).0);
        }
    }
    out
}

fn blend(under: Rgb<u8>, over: Rgb<u8>, alpha: f32) -> Rgb<u8> {
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * alpha).round() as u8;
    Rgb([
        mix(under.0[0], over.0[0]),
        mix(under.0[1], over.0[1]),
        mix(under.0[2], over.0[2]),
    ])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_has_the_hanzi_and_ascii_of_titles_and_lacks_others() {
        assert_eq!(
            missing_glyph("河北省计生协：温馨家园 2022（第 40 年）…"),
            None
        );
        assert_eq!(missing_glyph("𠀀 rare"), Some('𠀀'));
        assert_eq!(missing_glyph("한국 news"), Some('한'));
    }

    #[test]
    fn a_card_is_a_png_of_the_open_graph_size_and_its_key_follows_its_text() {
        let png = card("河北省计生协开展暖心行动", "河北省网上计生协");
        let img = image::load_from_memory(&png).unwrap();
        assert_eq!((img.width(), img.height()), (WIDTH, HEIGHT));
        assert_eq!(card("河北省计生协开展暖心行动", "河北省网上计生协"), png);
        assert_ne!(key("甲", "乙"), key("甲乙", ""));
        assert_eq!(key("甲", "乙"), key("甲", "乙"));
    }
}
