// Number display for the widget: the library's publication rule (round to the given
// decimals, halves away from zero: 86.865 → 86.87, core/src/decimal.rs `round_publish`)
// applied to the decimal digits themselves, then Intl for the locale's separators.

/**
 * A number or decimal string as plain decimal digits ("1e-7" → "0.0000001"). Numbers use
 * their shortest round-trip form, so 0.145 rounds as the decimal 0.145, not as the binary
 * 0.14499999…
 * @param {number | string} value
 * @returns {string | null} null when the value is not a finite number
 */
function plainDecimal(value) {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : String(value).trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const sign = m[1] === "-" ? "-" : "";
  let digits = (m[2] || "") + (m[3] || "");
  let point = (m[2] || "").length + Number(m[4] || 0);
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += "0".repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const frac = digits.slice(point);
  return frac ? `${sign}${int}.${frac}` : `${sign}${int}`;
}

/**
 * Round a decimal to `decimals` places, halves away from zero, on its digits (exact).
 * @param {number | string} value - a number or a decimal string such as "84.6"
 * @param {number} decimals - 0 ..= 20
 * @returns {string | null} the rounded decimal string with exactly `decimals` places, or
 *   null when `value` is not a finite number
 */
export function roundHalfAway(value, decimals = 2) {
  const plain = plainDecimal(value);
  if (plain === null) return null;
  const neg = plain.startsWith("-");
  const [int, frac = ""] = (neg ? plain.slice(1) : plain).split(".");
  const padded = frac.padEnd(decimals + 1, "0");
  let keep = int + padded.slice(0, decimals);
  if (padded.charCodeAt(decimals) >= 53 /* "5" */) {
    // Add one unit in the last kept place (carrying).
    const d = keep.split("");
    let i = d.length - 1;
    while (i >= 0) {
      if (d[i] === "9") {
        d[i] = "0";
        i -= 1;
      } else {
        d[i] = String(Number(d[i]) + 1);
        break;
      }
    }
    keep = (i < 0 ? "1" : "") + d.join("");
  }
  const intPart = keep.slice(0, keep.length - decimals).replace(/^0+(?=\d)/, "") || "0";
  const fracPart = keep.slice(keep.length - decimals);
  const zero = /^0*$/.test(intPart + fracPart);
  return `${neg && !zero ? "-" : ""}${intPart}${decimals ? `.${fracPart}` : ""}`;
}

const formatters = new Map();

/**
 * Format a value for display: rounded with the library's rule (halves away from zero), then
 * written with the locale's separators through Intl ("vi-VN": 85,94 and 100.000).
 *
 * @param {number | string | null | undefined} value - a number or a decimal string ("84.6")
 * @param {number} [decimals=2] - decimal places shown (2 for published scores and points)
 * @param {string} [locale="vi-VN"] - a BCP 47 locale
 * @returns {string | null} the formatted text, or null for null, undefined or a value that is
 *   not a finite number (the caller shows "unknown", never 0)
 */
export function format(value, decimals = 2, locale = "vi-VN") {
  if (value === null || value === undefined || value === "") return null;
  const rounded = roundHalfAway(value, decimals);
  if (rounded === null) return null;
  const key = `${locale}|${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    // roundingMode "halfExpand" is away from zero; the value is already rounded to
    // `decimals` places, so Intl only writes it.
    f = new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      roundingMode: "halfExpand",
    });
    formatters.set(key, f);
  }
  // A string keeps every digit in Intl (no binary rounding); numbers up to 2^53 are exact.
  return f.format(/** @type {any} */ (rounded));
}
