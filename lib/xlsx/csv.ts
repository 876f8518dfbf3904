// CSV as people actually save it: UTF-8 with or without a BOM, GB18030 from Excel on Chinese
// Windows, or UTF-16 "Unicode text" (tab-separated). Parsed here rather than by SheetJS, whose
// text sniffing reads some CSV as other formats and turns phone numbers into numbers.

/** The text of a CSV file, whichever of the encodings above it is in. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not valid UTF-8: what Excel writes on Chinese Windows (GBK, a subset of GB18030).
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/**
 * RFC 4180 fields; the separator is a comma, or a tab when the first line has tabs and no commas.
 * Fields are sliced out of the text, not built a character at a time, so a 5 MB file parses quickly.
 */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const separator = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  const special = separator === "," ? /[,\r\n"]/g : /[\t\r\n"]/g;
  const rows: string[][] = [];
  let row: string[] = [];
  let at = 0;
  while (at < text.length) {
    let field: string;
    if (text[at] === '"') {
      // Quoted: runs up to the next quote that is not doubled.
      const parts: string[] = [];
      let from = at + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) {
          parts.push(text.slice(from));
          at = text.length;
          break;
        }
        parts.push(text.slice(from, quote));
        if (text[quote + 1] === '"') {
          parts.push('"');
          from = quote + 2;
        } else {
          at = quote + 1;
          break;
        }
      }
      field = parts.join("");
      // Anything between the closing quote and the separator belongs to the field too.
      special.lastIndex = at;
      const next = special.exec(text);
      const end = next && next[0] !== '"' ? next.index : text.length;
      field += text.slice(at, end);
      at = end;
    } else {
      special.lastIndex = at;
      let next = special.exec(text);
      while (next && next[0] === '"') next = special.exec(text);
      const end = next ? next.index : text.length;
      field = text.slice(at, end);
      at = end;
    }
    row.push(field);
    if (at >= text.length) break;
    const ch = text[at];
    if (ch === separator) {
      at++;
      if (at === text.length) row.push("");
      continue;
    }
    // A line break ends the row; \r\n counts once.
    at += ch === "\r" && text[at + 1] === "\n" ? 2 : 1;
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
