#!/usr/bin/env node
// Build Tandem's committed static assets from node_modules.
//
//   cd frontend && npm ci && npm run build    # (re)write frontend/static/...
//   npm run check                             # exit 1 if the committed files differ from a fresh build
//
// Writes (and owns) frontend/static/govuk/ and frontend/static/htmx/ entirely,
// and the files it lists in frontend/static/tandem/. Node.js is needed only to
// run this, never at run time: Django serves the committed output.
import { Buffer } from 'node:buffer'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

import * as sass from 'sass'

const here = dirname(fileURLToPath(import.meta.url))
const nodeModules = join(here, 'node_modules')
const staticDir = join(here, 'static')
const srcDir = join(here, 'src')

const STATIC_URL = '/static/'
const GOVUK_ASSETS_URL = `${STATIC_URL}govuk/assets/`
// GOV.UK branding we must never ship or refer to (file names containing these).
const BLOCKED_NAMES = /crown|crest|govuk-logo|govuk-icon|opengraph|GDS|transport/i

// Directories this script owns completely: removed and rewritten on each build.
const OWNED_DIRS = ['govuk', 'htmx']

function fail (message) {
  console.error(`build.mjs: ${message}`)
  process.exit(1)
}

function readJson (path) {
  return JSON.parse(readFileSync(path, 'utf8'))
}

// ---------------------------------------------------------------------------
// Versions: node_modules must hold exactly what package.json pins.
const pkg = readJson(join(here, 'package.json'))
const pins = pkg.devDependencies
const versions = {}
for (const name of ['govuk-frontend', 'htmx.org', 'sass']) {
  const installedPath = join(nodeModules, name, 'package.json')
  if (!existsSync(installedPath)) fail(`${name} is not installed: run \`npm ci\` first`)
  const installed = readJson(installedPath).version
  if (!/^\d+\.\d+\.\d+$/.test(pins[name] ?? '')) fail(`package.json must pin ${name} to an exact version`)
  if (installed !== pins[name]) fail(`${name} ${installed} is installed but package.json pins ${pins[name]}: run \`npm ci\``)
  versions[name] = installed
}
// govuk-frontend-jinja 4.1.0 (Python) renders markup for govuk-frontend 6.3.0.
if (versions['govuk-frontend'] !== '6.3.0') {
  fail('govuk-frontend must stay at 6.3.0 to match govuk-frontend-jinja 4.1.0 (upgrade both together)')
}
if (!versions['htmx.org'].startsWith('2.')) fail('htmx.org must be a 2.x release')

const govukDist = join(nodeModules, 'govuk-frontend', 'dist', 'govuk')

/** @type {Map<string, Buffer>} output path (relative to static/) -> contents */
const outputs = new Map()
const put = (path, contents) => outputs.set(path, Buffer.isBuffer(contents) ? contents : Buffer.from(contents, 'utf8'))

// ---------------------------------------------------------------------------
// GOV.UK Frontend CSS, compiled from our Sass entry with our settings.
const warnings = []
const result = sass.compile(join(srcDir, 'tandem-govuk.scss'), {
  style: 'compressed',
  loadPaths: [nodeModules],
  quietDeps: true,
  sourceMap: false,
  logger: {
    warn (message, options) {
      warnings.push(options.deprecation ? `deprecation: ${message}` : message)
    }
  }
})
for (const warning of warnings) console.warn(`sass warning: ${warning}`)

// Compressed Sass marks non-ASCII output (GOV.UK uses a few such characters on
// purpose) with a byte order mark; like govuk-frontend's own dist file, use
// @charset instead, which must be the file's very first bytes.
let css = result.css
if (css.charCodeAt(0) === 0xfeff) css = css.slice(1)
const charset = /[^\x00-\x7f]/.test(css) ? '@charset "UTF-8";' : ''
if (css.includes('GDS Transport')) fail('compiled CSS mentions GDS Transport')
if (css.includes('@font-face')) fail('compiled CSS has an @font-face rule')
const banner = `/*! Tandem build of GOV.UK Frontend v${versions['govuk-frontend']} (MIT licence, see LICENSE.txt), ` +
  `compiled with dart-sass ${versions.sass} from frontend/src/tandem-govuk.scss: system fonts, no GOV.UK crest */\n`
put('govuk/govuk-frontend.min.css', charset + banner + css + '\n')

// Ship exactly the images the CSS refers to, and nothing branded.
const urlPattern = /url\(\s*(['"]?)([^'")]*)\1\s*\)/g
for (const [, , url] of css.matchAll(urlPattern)) {
  if (url.startsWith('data:') || url.startsWith('#')) continue
  if (!url.startsWith(GOVUK_ASSETS_URL)) fail(`compiled CSS refers to ${url}, outside ${GOVUK_ASSETS_URL}`)
  const assetPath = url.slice(GOVUK_ASSETS_URL.length).split(/[?#]/)[0]
  if (!assetPath.startsWith('images/')) fail(`compiled CSS refers to ${url}: only images are shipped (no fonts)`)
  if (BLOCKED_NAMES.test(assetPath)) fail(`compiled CSS refers to GOV.UK branding: ${url}`)
  const source = join(govukDist, 'assets', assetPath)
  if (!existsSync(source)) fail(`compiled CSS refers to ${url}, which govuk-frontend does not have`)
  put(`govuk/assets/${assetPath}`, readFileSync(source))
}

put('govuk/LICENSE.txt', readFileSync(join(srcDir, 'licences', 'govuk-frontend-LICENSE.txt')))

// ---------------------------------------------------------------------------
// GOV.UK Frontend JavaScript: the ES module bundle, as published. Only the
// trailing source map comment is dropped, because we do not ship the .map
// (Django's manifest storage fails on a sourceMappingURL to a missing file).
let js = readFileSync(join(govukDist, 'govuk-frontend.min.js'), 'utf8')
js = js.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n')
if (js.includes('sourceMappingURL')) fail('could not remove the sourceMappingURL comment from govuk-frontend.min.js')
const exportList = js.match(/export\s*\{([^}]*)\}\s*;?\s*$/)
if (!exportList || !exportList[1].split(',').map(s => s.trim()).includes('initAll')) {
  fail('govuk-frontend.min.js no longer exports initAll; update src/tandem/init.js')
}
put('govuk/govuk-frontend.min.js', js)

// ---------------------------------------------------------------------------
// htmx
const htmxDir = join(nodeModules, 'htmx.org')
put('htmx/htmx.min.js', readFileSync(join(htmxDir, 'dist', 'htmx.min.js')))
put('htmx/LICENSE.txt', readFileSync(join(htmxDir, 'LICENSE')))

// ---------------------------------------------------------------------------
// Tandem's own files: hand-written sources, and the favicon drawn here.
put('tandem/tandem.css', readFileSync(join(srcDir, 'tandem', 'tandem.css')))
put('tandem/init.js', readFileSync(join(srcDir, 'tandem', 'init.js')))
put('tandem/js-enabled.js', readFileSync(join(srcDir, 'tandem', 'js-enabled.js')))

// Favicon: a rounded square in #1d70b8 with a white "T" (white on #1d70b8 is
// 5.2:1). The same shapes, in a 48 x 48 box, make the SVG and the ICO.
const ICON = {
  size: 48,
  radius: 8,
  background: [0x1d, 0x70, 0xb8],
  bar: { x0: 11, x1: 37, y0: 10, y1: 17 },
  stem: { x0: 20, x1: 28, y0: 17, y1: 38 }
}
const hex = rgb => '#' + rgb.map(c => c.toString(16).padStart(2, '0')).join('')
const { bar, stem } = ICON
put('tandem/favicon.svg',
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48">' +
  '<title>Tandem</title>' +
  `<rect width="${ICON.size}" height="${ICON.size}" rx="${ICON.radius}" fill="${hex(ICON.background)}"/>` +
  `<path fill="#fff" d="M${bar.x0} ${bar.y0}H${bar.x1}V${bar.y1}H${stem.x1}V${stem.y1}H${stem.x0}V${stem.y0}H${bar.x0}Z"/>` +
  '</svg>\n')
put('tandem/favicon.ico', drawFaviconIco())

function drawFaviconIco () {
  const { size, radius, background } = ICON
  const inside = (box, x, y) => x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1
  const inRoundedSquare = (x, y) => {
    const cx = Math.min(Math.max(x, radius), size - radius)
    const cy = Math.min(Math.max(y, radius), size - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2
  }
  const samples = 8 // per axis, for anti-aliased edges
  const pixels = Buffer.alloc(size * size * 4) // BGRA, bottom-up rows
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let blue = 0
      let white = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = px + (sx + 0.5) / samples
          const y = py + (sy + 0.5) / samples
          if (!inRoundedSquare(x, y)) continue
          if (inside(bar, x, y) || inside(stem, x, y)) white++
          else blue++
        }
      }
      const covered = blue + white
      const offset = ((size - 1 - py) * size + px) * 4
      if (covered === 0) continue
      const channel = i => Math.round((blue * background[i] + white * 255) / covered)
      pixels[offset] = channel(2)
      pixels[offset + 1] = channel(1)
      pixels[offset + 2] = channel(0)
      pixels[offset + 3] = Math.round((255 * covered) / (samples * samples))
    }
  }
  const andMask = Buffer.alloc(Math.ceil(size / 32) * 4 * size) // all zero: alpha does the work
  const header = Buffer.alloc(40) // BITMAPINFOHEADER
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(size, 4)
  header.writeInt32LE(size * 2, 8) // colour image + AND mask
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  header.writeUInt32LE(0, 16) // BI_RGB
  header.writeUInt32LE(pixels.length + andMask.length, 20)
  const image = Buffer.concat([header, pixels, andMask])
  const dir = Buffer.alloc(6 + 16) // ICONDIR + one ICONDIRENTRY
  dir.writeUInt16LE(0, 0)
  dir.writeUInt16LE(1, 2) // icon
  dir.writeUInt16LE(1, 4) // one image
  dir.writeUInt8(size, 6)
  dir.writeUInt8(size, 7)
  dir.writeUInt8(0, 8) // no palette
  dir.writeUInt8(0, 9)
  dir.writeUInt16LE(1, 10) // planes
  dir.writeUInt16LE(32, 12) // bits per pixel
  dir.writeUInt32LE(image.length, 14)
  dir.writeUInt32LE(dir.length, 18)
  return Buffer.concat([dir, image])
}

// ---------------------------------------------------------------------------
// Write, or check.
function listFiles (dir) {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? listFiles(path) : [path]
  })
}

const ownedOnDisk = OWNED_DIRS.flatMap(d => listFiles(join(staticDir, d))).map(p => relative(staticDir, p))

if (process.argv.includes('--check')) {
  const problems = []
  for (const [path, contents] of outputs) {
    const onDisk = join(staticDir, path)
    if (!existsSync(onDisk)) problems.push(`missing: static/${path}`)
    else if (!readFileSync(onDisk).equals(contents)) problems.push(`differs: static/${path}`)
  }
  for (const path of ownedOnDisk) {
    if (!outputs.has(path)) problems.push(`not made by the build: static/${path}`)
  }
  if (problems.length) {
    console.error(problems.join('\n'))
    fail('the committed static files are not what the build makes: run `npm run build`')
  }
  console.log(`build.mjs: ${outputs.size} files in frontend/static are up to date`)
} else {
  for (const d of OWNED_DIRS) rmSync(join(staticDir, d), { recursive: true, force: true })
  for (const [path, contents] of outputs) {
    const target = join(staticDir, path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, contents)
  }
  for (const path of [...outputs.keys()].sort()) {
    console.log(`${String(outputs.get(path).length).padStart(8)}  static/${path}`)
  }
  console.log(`govuk-frontend ${versions['govuk-frontend']}, htmx.org ${versions['htmx.org']}, sass ${versions.sass}`)
}
