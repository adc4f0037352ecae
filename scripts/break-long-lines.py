"""Breaks Swift lines over 120 characters that are long because of string literals, without
changing any string's value: a long line inside a multi-line literal is split at a space with a
trailing backslash (Swift's line continuation); a long single-line literal becomes a multi-line
literal split the same way."""
import sys, re

LIMIT = 120

def scan(line, mode):
    """Scans one line from the lexer state `mode` (a stack: 'code', 'single', 'multi', 'interp'
    with paren depths in `depth`); returns top-level single-literal spans and the state after."""
    mode = [list(x) for x in mode]
    spans = []
    i, n = 0, len(line)
    while i < n:
        m = mode[-1][0]
        c = line[i]
        if m in ('code', 'interp'):
            if line.startswith('//', i) and m == 'code':
                break
            if line.startswith('"""', i):
                mode.append(['multi', i]); i += 3; continue
            if line.startswith('#"', i):
                return spans, None
            if c == '"':
                mode.append(['single', i]); i += 1; continue
            if m == 'interp':
                if c == '(':
                    mode[-1][1] += 1
                elif c == ')':
                    if mode[-1][1] == 0:
                        mode.pop(); i += 1; continue
                    mode[-1][1] -= 1
            i += 1; continue
        if c == '\\':
            if i + 1 < n and line[i+1] == '(':
                mode.append(['interp', 0]); i += 2; continue
            i += 2; continue
        if m == 'single' and c == '"':
            s = mode.pop()[1]
            if len(mode) == 1:
                spans.append((s, i + 1))
            i += 1; continue
        if m == 'multi' and line.startswith('"""', i):
            mode.pop(); i += 3; continue
        i += 1
    return spans, mode


def split_points(text, allow_code):
    """Where text (a literal's content) may break: after a space in the content ('content', needs
    a trailing backslash), or after ', ' in the code of an interpolation ('code')."""
    points = []
    depth = 0
    i = 0
    while i < len(text):
        c = text[i]
        if depth == 0:
            if c == '\\':
                if i + 1 < len(text) and text[i+1] == '(':
                    depth = 1; i += 2; continue
                i += 2; continue
            if c == ' ' and i + 1 < len(text):
                points.append((i + 1, 'content'))
            i += 1; continue
        if c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
        elif c == '"':
            j = i + 1
            while j < len(text) and text[j] != '"':
                j += 2 if text[j] == '\\' else 1
            i = j + 1; continue
        elif allow_code and c == ',' and text[i+1:i+2] == ' ':
            points.append((i + 2, 'code'))
        i += 1
    return points


def chunks(content, indent, limit, allow_code=False):
    """Splits content into (piece, kind-of-break-after) each fitting with `indent` and ' \\'."""
    room = limit - indent - 2
    points = split_points(content, allow_code)
    pieces = []
    start = 0
    while len(content) - start > room:
        fits = [(p, k) for p, k in points if start + 8 < p <= start + room]
        if not fits:
            break
        p, kind = fits[-1]
        piece = content[start:p]
        pieces.append((piece.rstrip(' ') if kind == 'code' else piece, kind))
        start = p
    pieces.append((content[start:], None))
    return pieces


def closing_indent(lines, k):
    for j in range(k, len(lines)):
        m = re.match(r'^(\s*)"""', lines[j])
        if m:
            return len(m.group(1))
    return None


def fix(lines):
    out = []
    mode = [['code', 0]]
    changed = 0
    for k, line in enumerate(lines):
        body = line.rstrip('\n')
        if mode is None:
            out.append(line); continue
        spans, after = scan(body, mode)
        before_kind = [x[0] for x in mode]
        after_kind = None if after is None else [x[0] for x in after]
        if len(body) > LIMIT and after is not None:
            # Inside a multi-line literal, however deeply nested, and still inside it at the end.
            if before_kind[-1] == 'multi' and before_kind == after_kind and '"""' not in body:
                ci = closing_indent(lines, k + 1)
                lead = len(body) - len(body.lstrip(' '))
                # A line already ending in a continuation keeps it on its last piece.
                joined = body.endswith('\\') and not body.endswith('\\\\')
                content = body[lead:-1] if joined else body[lead:]
                if ci is not None and lead >= ci:
                    pieces = chunks(content, lead, LIMIT, allow_code=True)
                    if len(pieces) > 1:
                        new = []
                        for j, (p, kind) in enumerate(pieces):
                            ind = lead if j == 0 else ci
                            new.append(' ' * ind + p + ('\\' if kind == 'content' else ''))
                        if joined:
                            new[-1] += '\\'
                        out.extend(x + '\n' for x in new)
                        changed += 1
                        mode = after
                        continue
            elif before_kind == ['code'] and after_kind == ['code']:
                long = [s for s in spans if s[1] > LIMIT - 5 and s[1] - s[0] > 30]
                if long:
                    s, e = max(long, key=lambda x: x[1] - x[0])
                    content = body[s+1:e-1]
                    if '"""' not in content and not content.endswith('\\') and not content.startswith(' ') \
                            and not content.endswith(' '):
                        lead = len(body) - len(body.lstrip(' '))
                        ind = lead + 4
                        pieces = chunks(content, ind, LIMIT, allow_code=True)
                        if len(pieces) > 1:
                            new = [body[:s] + '"""']
                            new += [' ' * ind + p + ('\\' if kind == 'content' else '') for p, kind in pieces]
                            new.append(' ' * ind + '"""' + body[e:])
                            out.extend(x + '\n' for x in new)
                            changed += 1
                            mode = after
                            continue
        out.append(line)
        mode = after
    return out, changed


for path in sys.argv[1:]:
    lines = open(path).readlines()
    total = 0
    for _ in range(4):
        lines, changed = fix(lines)
        total += changed
        if not changed:
            break
    if total:
        open(path, 'w').writelines(lines)
        print(total, path)
