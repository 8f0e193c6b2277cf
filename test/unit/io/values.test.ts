import { describe, expect, it } from 'vitest';
import { parseCategory, parseNumber, parseQuantity, parseYear } from '../../../src/lib/io/values';

describe('parseNumber', () => {
  it('reads plain, signed and decimal numbers', () => {
    expect(parseNumber(1234)).toBe(1234);
    expect(parseNumber('1234')).toBe(1234);
    expect(parseNumber('-12.5')).toBe(-12.5);
    expect(parseNumber('.5')).toBe(0.5);
  });

  it('reads thousands separators written with commas or spaces', () => {
    expect(parseNumber('1,234')).toBe(1234);
    expect(parseNumber('1,234,567.5')).toBe(1234567.5);
    expect(parseNumber('1 234')).toBe(1234);
    expect(parseNumber('1\u00a0234')).toBe(1234);
  });

  it('reads full-width digits, commas and points', () => {
    expect(parseNumber('１２３')).toBe(123);
    expect(parseNumber('１，２３４．５')).toBe(1234.5);
  });

  it('applies 万 and 亿 and ignores other trailing units', () => {
    expect(parseNumber('12.5万')).toBe(125000);
    expect(parseNumber('1.2亿')).toBe(120000000);
    expect(parseNumber('36栋')).toBe(36);
    expect(parseNumber('240 户')).toBe(240);
  });

  it('refuses separators it cannot read without guessing', () => {
    expect(parseNumber('1,5')).toBeNull();
    expect(parseNumber('12 3')).toBeNull();
    expect(parseNumber('abc')).toBeNull();
  });

  it('reads empty markers as null', () => {
    for (const v of ['', ' ', '-', '—', '/', '无', '不详', null, undefined, NaN]) expect(parseNumber(v)).toBeNull();
  });

  it('keeps the unit text next to the number', () => {
    expect(parseQuantity('12.5 万元')).toEqual({ value: 12.5, unit: '万元' });
    expect(parseQuantity('1.2万m²')).toEqual({ value: 1.2, unit: '万m2' }); // NFKC: ² → 2
  });
});

describe('parseYear', () => {
  it('reads years written with 年, months or dates', () => {
    expect(parseYear('1998年')).toBe(1998);
    expect(parseYear('1998年6月')).toBe(1998);
    expect(parseYear('1998-06-01')).toBe(1998);
    expect(parseYear(1998)).toBe(1998);
    expect(parseYear('１９９８')).toBe(1998);
    expect(parseYear(new Date(Date.UTC(1997, 5, 1)))).toBe(1997);
  });

  it('reads a decade as its first year and a range as its earliest year', () => {
    expect(parseYear('1990年代')).toBe(1990);
    expect(parseYear('90年代')).toBe(1990);
    expect(parseYear('1995-1998')).toBe(1995);
  });

  it('reads two-digit years around 1950', () => {
    expect(parseYear('98年')).toBe(1998);
    expect(parseYear('05年')).toBe(2005);
  });

  it('refuses implausible years', () => {
    expect(parseYear(123)).toBeNull();
    expect(parseYear('不详')).toBeNull();
    expect(parseYear(2999)).toBeNull();
  });
});

describe('parseCategory', () => {
  it('reads the Chinese and English class names', () => {
    expect(parseCategory('基础类')).toBe('basic');
    expect(parseCategory('完善')).toBe('improve');
    expect(parseCategory('提升类')).toBe('upgrade');
    expect(parseCategory('必选类')).toBe('mandatory');
    expect(parseCategory('Upgrade')).toBe('upgrade');
  });

  it('takes the highest class when a cell names several', () => {
    expect(parseCategory('基础类+完善类')).toBe('improve');
    expect(parseCategory('基础类、完善类、提升类')).toBe('upgrade');
  });

  it('gives null for anything else', () => {
    expect(parseCategory('综合整治')).toBeNull();
    expect(parseCategory(3)).toBeNull();
  });
});
