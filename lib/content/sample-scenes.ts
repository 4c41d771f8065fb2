import sharp from "sharp";

/**
 * Illustrations for the demo's sample stories, drawn as SVG and rendered to JPEG with sharp: no
 * photo is downloaded or shipped. A figure named `night-market.jpg` in a sample gets the
 * `night-market` scene. Deterministic: the same scene gives the same bytes (one upload).
 */

const W = 1600;
const H = 1000;

/** A small seeded PRNG (mulberry32), so every scene is drawn the same way each time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const r1 = (n: number) => n.toFixed(1);

function vertical(id: string, stops: ReadonlyArray<[number, string]>): string {
  return `<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${stops
    .map(([o, c]) => `<stop offset="${o}" stop-color="${c}"/>`)
    .join("")}</linearGradient>`;
}

function glow(id: string, color: string): string {
  return `<radialGradient id="${id}"><stop offset="0" stop-color="${color}" stop-opacity="0.85"/><stop offset="1" stop-color="${color}" stop-opacity="0"/></radialGradient>`;
}

function svg(defs: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs>${defs}</defs>${body}</svg>`;
}

/** Lanterns on strings over food stalls under an old rail bridge, at dusk. */
function nightMarket(): string {
  const rnd = random(11);
  let city = "";
  for (let x = -20; x < W; x += 70 + rnd() * 60) {
    const h = 120 + rnd() * 220;
    const w = 60 + rnd() * 70;
    city += `<rect x="${r1(x)}" y="${r1(600 - h)}" width="${r1(w)}" height="${r1(h)}" fill="#1c1f35"/>`;
    for (let wy = 600 - h + 16; wy < 580; wy += 26)
      for (let wx = x + 10; wx < x + w - 12; wx += 18)
        if (rnd() < 0.35)
          city += `<rect x="${r1(wx)}" y="${r1(wy)}" width="8" height="12" fill="#f5c26b" opacity="0.7"/>`;
  }
  let truss = "";
  for (let x = 0; x < W; x += 80)
    truss += `<path d="M${x} 230 L${x + 40} 150 L${x + 80} 230" fill="none" stroke="#2b2733" stroke-width="9"/>`;
  let strings = "";
  for (const [y0, sag, hue] of [
    [250, 120, "#ff9a3c"],
    [300, 150, "#e8452c"],
  ] as const) {
    strings += `<path d="M0 ${y0} Q ${W / 2} ${y0 + sag * 2} ${W} ${y0}" fill="none" stroke="#1a1620" stroke-width="3"/>`;
    for (let x = 40; x < W; x += 95) {
      const t = x / W;
      const y = y0 + 2 * sag * 2 * t * (1 - t) + 18;
      strings += `<circle cx="${x}" cy="${r1(y)}" r="60" fill="url(#lamp)"/><ellipse cx="${x}" cy="${r1(y)}" rx="15" ry="19" fill="${hue}"/><rect x="${x - 6}" y="${r1(y - 24)}" width="12" height="6" fill="#2a1a14"/>`;
    }
  }
  let stalls = "";
  for (let i = 0; i < 6; i++) {
    const x = 20 + i * 265;
    let awning = "";
    for (let s = 0; s < 8; s++)
      awning += `<polygon points="${x + s * 30},560 ${x + s * 30 + 30},560 ${x + s * 33 + 33},615 ${x + s * 33 - 3},615" fill="${s % 2 ? "#f3e6cc" : "#c8102e"}"/>`;
    stalls += `${awning}<rect x="${x}" y="615" width="250" height="200" fill="#4a3328"/><rect x="${x + 18}" y="632" width="214" height="96" fill="#ffcf7a" opacity="0.9"/><rect x="${x}" y="728" width="250" height="14" fill="#6b4a36"/>`;
  }
  let people = "";
  for (let i = 0; i < 14; i++) {
    const x = 40 + rnd() * 1520;
    const s = 0.8 + rnd() * 0.5;
    people += `<g transform="translate(${r1(x)} ${r1(1000 - 20 * s)}) scale(${r1(s)})"><rect x="-22" y="-190" width="44" height="190" rx="20" fill="#15131c"/><circle cx="0" cy="-212" r="22" fill="#15131c"/></g>`;
  }
  return svg(
    vertical("sky", [
      [0, "#1b2a4a"],
      [0.45, "#4a3b6b"],
      [0.62, "#c86b4a"],
    ]) +
      vertical("ground", [
        [0, "#5a3f30"],
        [1, "#241a17"],
      ]) +
      glow("lamp", "#ffb45a"),
    `<rect width="${W}" height="${H}" fill="url(#sky)"/>${city}<rect y="600" width="${W}" height="400" fill="url(#ground)"/><rect x="280" y="230" width="46" height="400" fill="#2b2733"/><rect x="1270" y="230" width="46" height="400" fill="#2b2733"/>${truss}<rect y="140" width="${W}" height="18" fill="#2b2733"/><rect y="226" width="${W}" height="30" fill="#2b2733"/>${strings}${stalls}${people}`,
  );
}

/** Black basalt walls between green fields, the sea and a flat-topped volcanic cone behind. */
function stoneWall(): string {
  const rnd = random(7);
  let clouds = "";
  for (let i = 0; i < 6; i++)
    clouds += `<ellipse cx="${r1(rnd() * W)}" cy="${r1(60 + rnd() * 220)}" rx="${r1(90 + rnd() * 120)}" ry="${r1(22 + rnd() * 18)}" fill="#fff" opacity="0.75"/>`;
  let flowers = "";
  for (let i = 0; i < 500; i++) {
    const x = 880 + rnd() * 720;
    const y = 600 + rnd() * 170;
    flowers += `<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(2 + ((y - 600) / 170) * 4)}" fill="#f2d43a"/>`;
  }
  // Walls follow curves; stones grow towards the viewer (y further down).
  const wall = (points: (t: number) => [number, number], count: number) => {
    let out = "";
    for (let row = 0; row < 3; row++)
      for (let i = 0; i <= count; i++) {
        const [x, y] = points(i / count);
        const s = 0.35 + ((y - 560) / 440) * 1.4;
        const rx = (16 + rnd() * 12) * s;
        const ry = (11 + rnd() * 8) * s;
        const shade = ["#232327", "#2e2e33", "#393940"][Math.floor(rnd() * 3)];
        out += `<ellipse cx="${r1(x + (rnd() - 0.5) * 8 * s)}" cy="${r1(y - row * 20 * s)}" rx="${r1(rx)}" ry="${r1(ry)}" fill="${shade}" stroke="#55555c" stroke-width="${r1(1.5 * s)}"/>`;
      }
    return out;
  };
  const walls =
    wall((t) => [-40 + t * 1000, 1000 - t * 380], 70) +
    wall((t) => [560 + t * 1080, 640 + Math.sin(t * 3) * 30], 90) +
    wall((t) => [180 + t * 640, 600 + t * 10], 60);
  return svg(
    vertical("sky", [
      [0, "#8fc0e4"],
      [1, "#e6f0f5"],
    ]) +
      vertical("sea", [
        [0, "#2c6a90"],
        [1, "#4a93b8"],
      ]) +
      vertical("field", [
        [0, "#86ad62"],
        [1, "#3f6b2f"],
      ]),
    `<rect width="${W}" height="${H}" fill="url(#sky)"/>${clouds}<rect y="470" width="${W}" height="110" fill="url(#sea)"/><path d="M1020 478 L1080 400 Q1160 380 1240 400 L1310 478 Z" fill="#3d5a3a"/><rect y="560" width="${W}" height="440" fill="url(#field)"/><path d="M0 700 Q 400 640 900 660 T 1600 720 L1600 1000 L0 1000 Z" fill="#4d7d37" opacity="0.5"/>${flowers}${walls}`,
  );
}

/** A floodlit stadium at night: stands full of supporters, a striped pitch. */
function stadium(): string {
  const rnd = random(23);
  let crowd = "";
  const colours = ["#c8102e", "#f2f2f2", "#1d4ed8", "#f59e0b", "#7a1020"];
  for (let y = 292; y < 460; y += 11)
    for (let x = 4; x < W; x += 11)
      if (rnd() < 0.8)
        crowd += `<circle cx="${r1(x + rnd() * 4)}" cy="${r1(y + rnd() * 3)}" r="3.6" fill="${colours[Math.floor(rnd() * colours.length)]}" opacity="0.85"/>`;
  let stripes = "";
  let y = 470;
  for (let i = 0; y < H; i++) {
    const h = 22 + i * 9;
    stripes += `<rect y="${y}" width="${W}" height="${h}" fill="${i % 2 ? "#2a7f34" : "#33943f"}"/>`;
    y += h;
  }
  const tower = (x: number) =>
    `<circle cx="${x}" cy="110" r="320" fill="url(#flood)"/><rect x="${x - 6}" y="120" width="12" height="350" fill="#0b1020"/><rect x="${x - 70}" y="70" width="140" height="60" rx="4" fill="#fffbe6"/>` +
    Array.from(
      { length: 8 },
      (_, i) =>
        `<circle cx="${x - 52 + (i % 4) * 35}" cy="${i < 4 ? 88 : 112}" r="9" fill="#ffffff"/>`,
    ).join("");
  let players = "";
  for (let i = 0; i < 9; i++) {
    const px = 200 + rnd() * 1200;
    const py = 560 + rnd() * 300;
    const s = 0.5 + ((py - 470) / 530) * 1.1;
    const kit = i % 2 ? "#c8102e" : "#f2f2f2";
    players += `<g transform="translate(${r1(px)} ${r1(py)}) scale(${r1(s)})"><ellipse cx="0" cy="4" rx="30" ry="7" fill="#000" opacity="0.25"/><rect x="-9" y="-46" width="8" height="48" fill="#111"/><rect x="2" y="-46" width="8" height="48" fill="#111"/><rect x="-16" y="-96" width="32" height="54" rx="8" fill="${kit}"/><circle cx="0" cy="-110" r="13" fill="#6b4a3a"/></g>`;
  }
  return svg(
    vertical("sky", [
      [0, "#050b1f"],
      [1, "#1a2b55"],
    ]) + glow("flood", "#fff6d5"),
    `<rect width="${W}" height="${H}" fill="url(#sky)"/>${tower(170)}${tower(1430)}<rect y="270" width="${W}" height="200" fill="#141826"/><rect y="262" width="${W}" height="10" fill="#3a4158"/>${crowd}${stripes}<path d="M120 1000 L420 520 L1180 520 L1480 1000" fill="none" stroke="#f4f4f4" stroke-width="5" opacity="0.9"/><path d="M800 520 L800 1000" stroke="#f4f4f4" stroke-width="5" opacity="0.9"/><ellipse cx="800" cy="700" rx="210" ry="70" fill="none" stroke="#f4f4f4" stroke-width="5" opacity="0.9"/>${players}<circle cx="930" cy="760" r="12" fill="#fff"/>`,
  );
}

/** Shorebirds rising over tidal flats at dusk, reeds in front. */
function estuary(): string {
  const rnd = random(5);
  let birds = "";
  for (let i = 0; i < 170; i++) {
    const t = rnd();
    const x = 150 + t * 1300 + (rnd() - 0.5) * 160;
    const y = 420 - Math.sin(t * Math.PI) * 230 + (rnd() - 0.5) * 120;
    const s = 5 + rnd() * 9;
    birds += `<path d="M${r1(x - s)} ${r1(y - s * 0.4)} Q ${r1(x - s / 2)} ${r1(y - s * 0.7)} ${r1(x)} ${r1(y)} Q ${r1(x + s / 2)} ${r1(y - s * 0.7)} ${r1(x + s)} ${r1(y - s * 0.4)}" fill="none" stroke="#1d1623" stroke-width="2.6" stroke-linecap="round"/>`;
  }
  let channels = "";
  for (let i = 0; i < 7; i++) {
    const y = 620 + i * 55 + rnd() * 20;
    channels += `<path d="M${r1(-100 + rnd() * 300)} ${r1(y)} C ${r1(400 + rnd() * 200)} ${r1(y - 30)}, ${r1(900 + rnd() * 200)} ${r1(y + 40)}, ${r1(1700)} ${r1(y + rnd() * 30)}" fill="none" stroke="#e39a7d" stroke-width="${r1(3 + i * 1.5)}" opacity="0.45"/>`;
  }
  let reeds = "";
  for (let i = 0; i < 140; i++) {
    const x = i < 70 ? rnd() * 420 : 1180 + rnd() * 420;
    const h = 120 + rnd() * 200;
    const lean = (rnd() - 0.5) * 50;
    reeds += `<path d="M${r1(x)} 1000 Q ${r1(x + lean / 2)} ${r1(1000 - h / 2)} ${r1(x + lean)} ${r1(1000 - h)}" fill="none" stroke="#1d1623" stroke-width="${r1(2 + rnd() * 3)}"/>`;
  }
  return svg(
    vertical("sky", [
      [0, "#2b2d5c"],
      [0.55, "#c2566a"],
      [1, "#f2a65a"],
    ]) +
      vertical("flat", [
        [0, "#8a5a62"],
        [1, "#2e2234"],
      ]) +
      glow("sun", "#ffd28a"),
    `<rect width="${W}" height="570" fill="url(#sky)"/><circle cx="1040" cy="520" r="260" fill="url(#sun)"/><circle cx="1040" cy="530" r="68" fill="#ffe0a3"/><rect y="560" width="${W}" height="440" fill="url(#flat)"/><ellipse cx="1040" cy="640" rx="60" ry="90" fill="#ffd28a" opacity="0.35"/>${channels}${birds}${reeds}`,
  );
}

/** Rows of earthenware jars in a brewery courtyard, hills behind. */
function onggi(): string {
  const rnd = random(3);
  const jar = (x: number, y: number, s: number) =>
    `<g transform="translate(${r1(x)} ${r1(y)}) scale(${r1(s)})"><ellipse cx="0" cy="92" rx="100" ry="18" fill="#000" opacity="0.2"/><path d="M-52 -70 C -120 -50, -110 80, -46 92 L 46 92 C 110 80, 120 -50, 52 -70 Z" fill="url(#jar)"/><ellipse cx="-30" cy="-10" rx="14" ry="46" fill="#fff" opacity="0.16"/><rect x="-44" y="-86" width="88" height="20" rx="6" fill="#3a1d10"/><ellipse cx="0" cy="-88" rx="56" ry="14" fill="#4a2614"/></g>`;
  let rows = "";
  for (const [y, s, step] of [
    [520, 0.5, 110],
    [620, 0.72, 150],
    [790, 1.05, 220],
  ] as const)
    for (let x = 60 + rnd() * 40; x < W; x += step) rows += jar(x, y, s);
  let stones = "";
  for (let x = 0; x < W; x += 34)
    for (const y of [440, 462])
      stones += `<ellipse cx="${r1(x + (y === 462 ? 17 : 0))}" cy="${y}" rx="18" ry="10" fill="${rnd() < 0.5 ? "#a39683" : "#8f836f"}"/>`;
  return svg(
    vertical("sky", [
      [0, "#9cc3de"],
      [1, "#f4e7cf"],
    ]) +
      vertical("yard", [
        [0, "#dcc6a2"],
        [1, "#b8976b"],
      ]) +
      `<radialGradient id="jar" cx="0.35" cy="0.35" r="0.8"><stop offset="0" stop-color="#7a4428"/><stop offset="1" stop-color="#2e160b"/></radialGradient>`,
    `<rect width="${W}" height="${H}" fill="url(#sky)"/><path d="M0 360 Q 300 230 620 330 T 1200 300 T 1600 330 L1600 480 L0 480 Z" fill="#7d93a8"/><path d="M0 420 Q 400 330 800 410 T 1600 400 L1600 480 L0 480 Z" fill="#5d7560"/>${stones}<rect y="472" width="${W}" height="528" fill="url(#yard)"/>${rows}`,
  );
}

/** Ripe rice bending under rain in a waterlogged paddy, hills in the mist. */
function rice(): string {
  const rnd = random(13);
  let rows = "";
  for (let i = 0; i < 26; i++) {
    const y = 520 + Math.pow(i / 26, 1.6) * 480;
    rows += `<path d="M0 ${r1(y)} Q 800 ${r1(y - 12)} 1600 ${r1(y)}" fill="none" stroke="#8a6a1c" stroke-width="${r1(1 + i * 0.35)}" opacity="0.6"/>`;
  }
  let heads = "";
  for (let i = 0; i < 420; i++) {
    const y = 540 + Math.pow(rnd(), 0.7) * 460;
    const x = rnd() * W;
    const s = 0.3 + ((y - 520) / 480) * 1.4;
    heads += `<path d="M${r1(x)} ${r1(y)} q ${r1(8 * s)} ${r1(-26 * s)} ${r1(26 * s)} ${r1(-20 * s)}" fill="none" stroke="${rnd() < 0.5 ? "#d9b24a" : "#b98f2a"}" stroke-width="${r1(3 * s)}" stroke-linecap="round"/>`;
  }
  let rain = "";
  for (let i = 0; i < 420; i++) {
    const x = rnd() * (W + 200);
    const y = rnd() * H;
    rain += `<path d="M${r1(x)} ${r1(y)} l -14 42" stroke="#eef3f6" stroke-width="1.6" opacity="0.38"/>`;
  }
  return svg(
    vertical("sky", [
      [0, "#7f8c95"],
      [1, "#c9ced1"],
    ]) +
      vertical("paddy", [
        [0, "#c9a23a"],
        [1, "#8f6e1e"],
      ]),
    `<rect width="${W}" height="${H}" fill="url(#sky)"/><path d="M0 420 Q 260 330 560 400 T 1100 380 T 1600 400 L1600 540 L0 540 Z" fill="#8b979b"/><path d="M0 480 Q 400 420 900 470 T 1600 470 L1600 540 L0 540 Z" fill="#66766a"/><rect y="520" width="${W}" height="480" fill="url(#paddy)"/>${rows}<ellipse cx="480" cy="760" rx="230" ry="34" fill="#aab7bd" opacity="0.65"/><ellipse cx="1190" cy="880" rx="300" ry="42" fill="#aab7bd" opacity="0.6"/>${heads}${rain}`,
  );
}

const SCENES: Record<string, () => string> = {
  "night-market": nightMarket,
  "stone-wall": stoneWall,
  stadium,
  estuary,
  onggi,
  rice,
};

/** The scene a figure's file name asks for (`stadium.jpg` → `stadium`), if there is one. */
export function sceneFor(file: string): string | null {
  const name = file.replace(/^.*\//, "").replace(/\.[a-z]+$/i, "");
  return Object.hasOwn(SCENES, name) ? name : null;
}

/** The scene `name` as a 1600 × 1000 JPEG. Throws on an unknown scene. */
export async function sceneJpeg(name: string): Promise<Buffer> {
  const draw = SCENES[name];
  if (!draw || !Object.hasOwn(SCENES, name))
    throw new Error(`No sample scene "${name}"`);
  return sharp(Buffer.from(draw())).jpeg({ quality: 84 }).toBuffer();
}

/** Every scene's name (tests draw them all). */
export const SCENE_NAMES = Object.keys(SCENES);
