// A local ESLint rule: the folders of lib/ (one per domain, plus lib/core) may depend on each other only
// one way. It reads every import under lib/ once, builds the graph of domains, and reports an import in
// the file being linted whose target domain already leads back to the file's own domain.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const SPECIFIER = /(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\s*\(?\s*["']([^"']+)["']/g;

/** "lib/roster/queries.ts" → "roster"; "lib/time.ts" → "time"; outside lib → null. */
function domainOf(libDir, file) {
  const rel = relative(libDir, file);
  if (rel.startsWith("..")) return null;
  return rel.split(sep)[0].replace(/\.tsx?$/, "");
}

function targetDomain(libDir, root, file, specifier) {
  if (specifier.startsWith("@/")) return domainOf(libDir, join(root, specifier.slice(2)));
  if (specifier.startsWith(".")) return domainOf(libDir, resolve(dirname(file), specifier));
  return null;
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const graphs = new Map();

function graphOf(root) {
  if (graphs.has(root)) return graphs.get(root);
  const libDir = join(root, "lib");
  const edges = new Map();
  for (const file of sourceFiles(libDir)) {
    const from = domainOf(libDir, file);
    for (const match of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
      const to = targetDomain(libDir, root, file, match[1] ?? match[2]);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from).add(to);
    }
  }
  graphs.set(root, edges);
  return edges;
}

/** The path of domains from `start` to `goal`, or null. */
function pathBetween(edges, start, goal) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const node = queue.shift();
    if (node === goal) {
      const path = [];
      for (let at = goal; at !== null; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const next of edges.get(node) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

const noDomainCycle = {
  meta: {
    type: "problem",
    docs: { description: "lib/ domains depend on each other one way only" },
    messages: { cycle: "lib/{{from}} → lib/{{to}} closes an import cycle between domains: {{path}}. Move the shared piece down (lib/core, a rules.ts) instead." },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const libDir = join(root, "lib");
    const file = context.filename;
    const own = domainOf(libDir, file);
    if (!own) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== "string") return;
      const to = targetDomain(libDir, root, file, specifier);
      if (!to || to === own) return;
      const back = pathBetween(graphOf(root), to, own);
      if (back) context.report({ node, messageId: "cycle", data: { from: own, to, path: [own, ...back].map((d) => `lib/${d}`).join(" → ") } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
    };
  },
};

const layers = { rules: { "no-domain-cycle": noDomainCycle } };

export default layers;
