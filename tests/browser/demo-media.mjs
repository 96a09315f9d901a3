// Makes the demo's pictures and video clip (content/anniversary40/media-demo/), drawn by
// headless Chromium from the HTML and canvas below: nothing is a photograph, and each
// piece says it was made for the demo (演示). Run: cd tests/browser && node demo-media.mjs
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { REPO, CHROMIUM } from './lib/site.mjs';

const OUT = path.join(REPO, 'content/anniversary40/media-demo');
const FONT = "'Noto Sans CJK SC', sans-serif";
const RED = '#a4161a';

const COVER = `<body style="margin:0;width:960px;height:540px;background:${RED};color:#fff;font-family:${FONT};
  display:flex;flex-direction:column;justify-content:center;padding:0 72px;box-sizing:border-box">
  <p style="font-size:30px;margin:0 0 18px;color:#ffe3a3">河北省计划生育协会成立40周年</p>
  <h1 style="font-size:72px;margin:0 0 24px;letter-spacing:2px">系列视频与宣传品</h1>
  <p style="font-size:30px;margin:0">图片 · 视频 · 分享卡片</p>
  <p style="position:absolute;right:40px;bottom:28px;margin:0;font-size:24px;background:#7d1114;padding:6px 14px">演示用图</p></body>`;

const STEPS = ['策划选题', '制作图文和视频', '编辑审核', '网站和公众号发布'];
const DIAGRAM = `<body style="margin:0;width:960px;height:360px;background:#fff;color:#1f1f1f;font-family:${FONT}">
  <h1 style="font-size:30px;margin:28px 40px 36px">一件宣传品从策划到发布（示意图，演示用）</h1>
  <div style="display:flex;align-items:center;margin:0 40px">${STEPS.map((s, i) =>
    `<div style="flex:1;border:3px solid ${RED};border-radius:10px;padding:26px 8px;text-align:center;font-size:26px">
      <div style="color:${RED};font-size:22px">第${'一二三四'[i]}步</div>${s}</div>` +
    (i < STEPS.length - 1 ? `<div style="font-size:40px;color:${RED};padding:0 10px">→</div>` : '')).join('')}</div>
  <p style="font-size:20px;color:#595959;margin:30px 40px 0">本图由网站生成器的演示内容制作，不是实际工作流程的记录。</p></body>`;

// Three slides of six seconds in all; the captions file gives the same words.
export const SLIDES = [
  { from: 0, to: 2, title: '网上计生协', line: '演示短片：视频怎样放进文章' },
  { from: 2, to: 4, title: '字幕', line: '每段视频都带中文字幕' },
  { from: 4, to: 6, title: '文字稿', line: '视频下方链接完整的文字稿' },
];

const RECORDER = `<canvas id="c" width="640" height="360"></canvas><script>
const slides = ${JSON.stringify(SLIDES)};
const c = document.getElementById('c'), g = c.getContext('2d');
function draw(t) {
  const s = slides.find((s) => t < s.to) || slides[slides.length - 1];
  g.fillStyle = '${RED}'; g.fillRect(0, 0, 640, 360);
  g.fillStyle = '#7d1114'; g.fillRect(0, 300, 640 * Math.min(t / 6, 1), 60);
  g.fillStyle = '#fff'; g.textAlign = 'center';
  g.font = 'bold 56px Noto Sans CJK SC, sans-serif'; g.fillText(s.title, 320, 150);
  g.font = '28px Noto Sans CJK SC, sans-serif'; g.fillText(s.line, 320, 215);
  g.font = '20px Noto Sans CJK SC, sans-serif'; g.fillText('演示动画', 580, 336);
}
window.record = () => new Promise((done) => {
  const rec = new MediaRecorder(c.captureStream(25), { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 120000 });
  const parts = [];
  rec.ondataavailable = (e) => parts.push(e.data);
  rec.onstop = async () => {
    const buf = new Uint8Array(await new Blob(parts, { type: 'video/webm' }).arrayBuffer());
    let bin = ''; for (const b of buf) bin += String.fromCharCode(b);
    done(btoa(bin));
  };
  const start = performance.now();
  (function frame() {
    const t = (performance.now() - start) / 1000;
    draw(Math.min(t, 5.99));
    if (t < 6.2) requestAnimationFrame(frame); else rec.stop();
  })();
  rec.start();
});
draw(0.5);
</script>`;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
async function shot(html, file, width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.setContent(`<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8">${html}</html>`);
  await page.screenshot({ path: path.join(OUT, file) });
  await page.close();
}
await fs.mkdir(OUT, { recursive: true });
await shot(COVER, 'cover.png', 960, 540);
await shot(DIAGRAM, 'process.png', 960, 360);
const page = await browser.newPage({ viewport: { width: 640, height: 360 } });
await page.setContent(`<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><body style="margin:0">${RECORDER}</body></html>`);
await page.locator('canvas').screenshot({ path: path.join(OUT, 'clip.png') });
const webm = await page.evaluate(() => window.record());
await fs.writeFile(path.join(OUT, 'clip.webm'), Buffer.from(webm, 'base64'));
await browser.close();
console.log('wrote cover.png, process.png, clip.png, clip.webm in', OUT);
