"""One-off, pending (issue 17 point 5): regroup generator/ into sub-packages by stage (data, model,
render, exports, reports, engines): git mv plus absolute imports, then POST fixes. Run once from the
repo root after the open branches are merged: python scripts/regroup_generator.py [--dry-run].
"""
import re, subprocess, sys
from pathlib import Path

MAP = {  # old flat module -> new dotted module (under generator)
    "load": "data.load", "problems": "data.problems", "records": "data.records", "schema": "data.schema",
    "validate": "data.validate", "phones": "data.phones", "region_codes": "data.region_codes",
    "dates": "data.dates", "json_schemas": "data.json_schemas", "regions": "data.regions", "git": "data.git",
    "model": "model.guide", "closures": "model.closures", "status": "model.status", "wording": "model.wording",
    "urls": "model.urls",
    "pages": "render.pages", "notices": "render.notices",
    "exports": "exports", "feed": "exports.feed", "hsds": "exports.hsds", "open_data": "exports.open_data",
    "closures_calendar": "exports.calendar", "identifiers": "exports.identifiers",
    "diff": "reports.diff", "stale": "reports.stale",
    "background": "engines.background", "build": "engines.build", "site": "engines.site",
    "mkdocs_hook": "engines.mkdocs_hook", "mkdocs_internals": "engines.mkdocs_internals", "preview": "engines.preview",
}
EXTRA = {}  # filled from argv: name=dotted
for arg in sys.argv[1:]:
    if "=" in arg:
        k, v = arg.split("=", 1); EXTRA[k] = v
MAP.update(EXTRA)
ROOT = Path(".").resolve()
G = ROOT / "generator"
present = {p.stem for p in G.glob("*.py")} - {"__init__", "__main__", "cli"}
unknown = present - set(MAP)
if unknown:
    sys.exit(f"unmapped modules: {sorted(unknown)}")
MAP = {k: v for k, v in MAP.items() if k in present}

def new_abs(old: str) -> str:
    return "generator." + MAP.get(old, old)

def rewrite_relative(text: str) -> str:
    def from_dot(m):
        indent, names = m.group(1), m.group(2)
        if names.strip().startswith("("):
            raise SystemExit("parenthesised from . import: handle by hand")
        groups = {}
        for part in names.split(","):
            part = part.strip()
            if not part:
                continue
            name = part.split(" as ")[0].strip()
            dotted = new_abs(name)
            pkg, mod = dotted.rsplit(".", 1)
            alias = part[len(name):]
            groups.setdefault(pkg, []).append(mod + alias if mod == name else f"{mod} as {name}" if not alias else mod + alias)
        return "\n".join(f"{indent}from {pkg} import {', '.join(mods)}" for pkg, mods in groups.items())
    text = re.sub(r"^([ \t]*)from \. import ([^\n]+)$", from_dot, text, flags=re.M)
    text = re.sub(r"^([ \t]*)from \.(\w+) import", lambda m: f"{m.group(1)}from {new_abs(m.group(2))} import", text, flags=re.M)
    return text

def rewrite_absolute(text: str) -> str:
    def from_pkg(m):
        indent, names = m.group(1), m.group(2)
        groups = {}
        for part in names.split(","):
            part = part.strip()
            name = part.split(" as ")[0].strip()
            if name not in MAP:
                groups.setdefault("generator", []).append(part); continue
            dotted = new_abs(name); pkg, mod = dotted.rsplit(".", 1)
            alias = part[len(name):]
            groups.setdefault(pkg, []).append(mod + alias if (mod == name or alias) else f"{mod} as {name}")
        return "\n".join(f"{indent}from {pkg} import {', '.join(mods)}" for pkg, mods in groups.items())
    text = re.sub(r"^([ \t]*)from generator import ([^\n(]+)$", from_pkg, text, flags=re.M)
    names = "|".join(sorted(MAP, key=len, reverse=True))
    text = re.sub(rf"\bgenerator\.({names})\b(?!\.py)", lambda m: new_abs(m.group(1)), text)
    return text

def main(dry):
    files = [p for d in ("generator", "tests", "bench", "scripts") for p in (ROOT / d).rglob("*.py")]
    files += [ROOT / "mkdocs.yml"]
    for p in files:
        text = p.read_text(encoding="utf-8")
        new = rewrite_absolute(text)
        if p.parent == G:
            new = rewrite_relative(new)
        if new != text:
            print("rewrote", p.relative_to(ROOT))
            if not dry:
                p.write_text(new, encoding="utf-8")
    for old, dotted in MAP.items():
        target = G / (dotted.replace(".", "/") + ".py")
        if dotted.count(".") == 0:
            target = G / dotted / "__init__.py"
        print("move", old, "->", target.relative_to(ROOT))
        if not dry:
            target.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["git", "mv", f"generator/{old}.py", str(target.relative_to(ROOT))], check=True)
    if not dry:
        for pkg in {d.split(".")[0] for d in MAP.values()}:
            init = G / pkg / "__init__.py"
            if not init.exists():
                init.write_text(f'"""{pkg}."""\n', encoding="utf-8")
                subprocess.run(["git", "add", str(init)], check=True)
        if (G / "templates").exists():
            subprocess.run(["git", "mv", "generator/templates", "generator/render/templates"], check=True)

main("--dry-run" in sys.argv)

POST = [
    ("generator/engines/build.py", "Path(__file__).resolve().parent.parent", "Path(__file__).resolve().parents[2]"),
    ("generator/render/pages.py", 'PackageLoader("generator", "templates")', 'PackageLoader("generator.render", "templates")'),
    ("mkdocs.yml", "generator/mkdocs_hook.py", "generator/engines/mkdocs_hook.py"),
    ("pyproject.toml", 'packages = ["generator"]', 'packages = ["generator", "generator.data", "generator.model", "generator.render", "generator.exports", "generator.reports", "generator.engines"]'),
    ("pyproject.toml", 'generator = ["templates/*.j2"]', '"generator.render" = ["templates/*.j2"]'),
    ("generator/data/json_schemas.py", "generator/records.py", "generator/data/records.py"),
    ("tests/test_json_schemas.py", "generator/schema.py", "generator/data/records.py"),
    ("tests/test_pages.py", '"generator" / "templates"', '"generator" / "render" / "templates"'),
    ("Makefile", "generator/records.py", "generator/data/records.py"),
    ("Makefile", "generator/preview.py", "generator/engines/preview.py"),
]
if "--dry-run" not in sys.argv:
    for name, old, new in POST:
        p = ROOT / name
        if not p.exists():
            print("POST: missing", name); continue
        t = p.read_text(encoding="utf-8")
        if old not in t:
            print("POST: not found in", name, ":", old); continue
        p.write_text(t.replace(old, new), encoding="utf-8")
