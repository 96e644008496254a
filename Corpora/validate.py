#!/usr/bin/env python3
"""Validate the Framewatch corpora and print summary counts.

Usage:  python3 Corpora/validate.py [CORPORA_DIR]

Checks: every line parses as JSON; required fields present with valid values;
ids unique across dev+test (sentences and documents) and consistent with lang;
every entity surface occurs verbatim in the text; canonical ids are lower-case
ASCII; documents have a headline line, a blank line and 3-8 paragraphs;
sample articles have id/lang/outlet/published/url/text.
Exit status 1 if any error was found.
"""
import collections, json, os, re, sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
LANGS = {'en', 'ru', 'az'}
KINDS = set("""accusation grievance restriction mistreatment espionage interference leverage compromise
 partnership dialogue economic apology reassurance hedged_forecast quoted_denial negated_cue irony factual""".split())
SENT_FRAMES = {'anti_russian', 'conciliatory', 'neutral'}
DOC_FRAMES = SENT_FRAMES | {'mixed'}
TYPES = {'person', 'org', 'place', 'project'}
CANON = re.compile(r'^[a-z0-9]+(_[a-z0-9]+)*$')
REQUIRED = ['id', 'lang', 'kind', 'text', 'frame', 'tone_russia', 'entities']

errors = []
def err(where, msg):
    errors.append('%s: %s' % (where, msg))

def load(path):
    rows = []
    with open(path, encoding='utf-8') as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                err('%s:%d' % (path, ln), 'blank line')
                continue
            try:
                rows.append((ln, json.loads(line)))
            except json.JSONDecodeError as ex:
                err('%s:%d' % (path, ln), 'JSON error: %s' % ex)
    return rows

def check_item(where, d, what, tag=None):
    for k in REQUIRED:
        if k not in d:
            err(where, 'missing field %r' % k)
            return False
    if d['lang'] not in LANGS:
        err(where, 'bad lang %r' % d['lang'])
    tag = tag or ('s' if what == 'sentences' else 'd')
    if not re.match(r'^%s-%s-\d{4}$' % (re.escape(str(d['lang'])), tag), str(d['id'])):
        err(where, 'id %r does not match lang/kind pattern' % d['id'])
    if d['kind'] not in KINDS:
        err(where, 'bad kind %r' % d['kind'])
    frames = SENT_FRAMES if what == 'sentences' else DOC_FRAMES
    if d['frame'] not in frames:
        err(where, 'bad frame %r' % d['frame'])
    if d['tone_russia'] not in (-1, 0, 1) or isinstance(d['tone_russia'], bool):
        err(where, 'bad tone_russia %r' % d['tone_russia'])
    text = d['text']
    if not isinstance(text, str) or not text.strip():
        err(where, 'empty text')
        return False
    if what == 'sentences' and '\n' in text:
        err(where, 'newline inside a sentence item')
    if what == 'documents':
        parts = text.split('\n\n')
        if '\n' in parts[0]:
            err(where, 'headline must be a single line followed by a blank line')
        if not 3 <= len(parts) - 1 <= 8:
            err(where, 'document has %d paragraphs (want 3-8)' % (len(parts) - 1))
    if not isinstance(d['entities'], list):
        err(where, 'entities is not a list')
        return False
    for e in d['entities']:
        for k in ('surface', 'canonical', 'type'):
            if k not in e:
                err(where, 'entity missing %r: %r' % (k, e))
        if e.get('surface') and e['surface'] not in text:
            err(where, 'surface %r not in text' % e['surface'])
        if e.get('canonical') and not CANON.match(e['canonical']):
            err(where, 'bad canonical %r' % e['canonical'])
        if e.get('type') not in TYPES:
            err(where, 'bad type %r' % e.get('type'))
        if 'form' in e and e['form'] != 'adjective':
            err(where, 'bad form %r' % e['form'])
    return True

def main():
    seen = {}
    items = []
    # (split, file, what, id tag): the second-round sentences (dev/more-<lang>.jsonl) use
    # ids <lang>-x-NNNN.
    files = [(split, what, what, None) for split in ('dev', 'test') for what in ('sentences', 'documents')]
    # The per-language files of the later rounds: (split, file prefix, what, id tag). Each round
    # was labelled before the pack was run on it, then (dev) used to tune; Corpora/README.md says
    # what each holds. Blind (test) was measured only before and after the breadth pass.
    per_language = [
        ('dev', 'more-', 'sentences', 'x'),          # second round
        ('test', 'blind-', 'sentences', 'b'),        # breadth-pass blind check
        ('test', 'blind2-', 'sentences', 'i'),       # second blind set (seventh session): never tuned on
        ('dev', 'fresh-', 'sentences', 'f'),         # third round
        ('dev', 'fresh-docs-', 'documents', 'g'),
        ('dev', 'round4-', 'sentences', 'h'),        # fourth: realistic 2024-25 coverage
        ('dev', 'round4-docs-', 'documents', 'j'),
        ('dev', 'round5-docs-', 'documents', 'k'),   # fifth: long news documents
        ('dev', 'round6-', 'sentences', 'm'),        # sixth: headlines and wire sentences
        ('dev', 'round7-', 'sentences', 'p'),        # seventh: quoted speech, expert comment
        ('dev', 'round8-docs-', 'documents', 'q'),   # eighth: interviews, columns, regional…
        ('dev', 'round9-', 'sentences', 'r'),        # ninth: who accuses whom (rule 8)
        ('dev', 'round9-docs-', 'documents', 't'),
        ('dev', 'round10-docs-', 'documents', 'u'),  # tenth: long documents
        ('dev', 'round11-', 'sentences', 'v'),       # eleventh: polarity traps, hard neutrals
        ('dev', 'round12-docs-', 'documents', 'w'),  # twelfth: a monitor's week of messy documents
        ('dev', 'round13-', 'sentences', 'y'),       # thirteenth: clipped paragraphs, tone apart from frame
        ('dev', 'round14-', 'sentences', 'z'),       # fourteenth: story types earlier rounds hardly touched
        ('dev', 'round15-', 'sentences', 'a'),       # fifteenth: morphology and paraphrase
        ('dev', 'round16-', 'sentences', 'c'),       # sixteenth: false alarms on neutral reporting
        ('dev', 'round17-docs-', 'documents', 'e'),  # seventeenth: whole articles as a monitor reads them
    ]
    files += [(split, prefix + lang, what, tag) for split, prefix, what, tag in per_language for lang in LANGS]
    for split, name, what, tag in files:
            path = os.path.join(ROOT, split, name + '.jsonl')
            if not os.path.exists(path):
                err(path, 'missing file')
                continue
            for ln, d in load(path):
                where = '%s/%s.jsonl:%d' % (split, name, ln)
                if not check_item(where, d, what, tag):
                    continue
                if d['id'] in seen:
                    err(where, 'duplicate id %r (also %s)' % (d['id'], seen[d['id']]))
                seen[d['id']] = where
                items.append((split, what, d))
    # sample articles
    spath = os.path.join(ROOT, 'sample', 'articles.jsonl')
    samples = load(spath) if os.path.exists(spath) else []
    if not samples:
        err(spath, 'missing or empty')
    sids = set()
    for ln, a in samples:
        where = 'sample/articles.jsonl:%d' % ln
        for k in ('id', 'lang', 'outlet', 'published', 'url', 'text'):
            if not a.get(k):
                err(where, 'missing %r' % k)
        if a.get('lang') not in LANGS:
            err(where, 'bad lang')
        if not re.match(r'^202[45]-\d\d-\d\d$', str(a.get('published', ''))):
            err(where, 'published must be an ISO date in 2024-2025')
        if not str(a.get('url', '')).startswith('https://example.org/'):
            err(where, 'url must be on example.org')
        if a.get('id') in sids:
            err(where, 'duplicate sample id')
        sids.add(a.get('id'))

    # ---- summary
    def table(title, counter_by_key):
        print('\n' + title)
        for k in sorted(counter_by_key):
            c = counter_by_key[k]
            print('  %-28s %s' % (k, '  '.join('%s=%d' % kv for kv in sorted(c.items()))))

    for what in ('sentences', 'documents'):
        sub = [(s, d) for s, w, d in items if w == what]
        print('\n==== %s: %d items' % (what.upper(), len(sub)))
        by_lang = collections.defaultdict(collections.Counter)
        by_split = collections.defaultdict(collections.Counter)
        by_kind = collections.defaultdict(collections.Counter)
        tone = collections.defaultdict(collections.Counter)
        for s, d in sub:
            by_lang[d['lang']]['n'] += 1
            by_lang[d['lang']][d['frame']] += 1
            by_lang['ALL']['n'] += 1
            by_lang['ALL'][d['frame']] += 1
            by_split['%s/%s' % (s, d['lang'])][d['frame']] += 1
            by_split[s]['n'] += 1
            by_kind[d['kind']][d['frame']] += 1
            by_kind[d['kind']][d['lang']] += 1
            tone[d['lang']]['tone%+d' % d['tone_russia']] += 1
        table('frame by language', by_lang)
        table('frame by split/language', by_split)
        table('tone_russia by language', tone)
        table('kind -> frame and language', by_kind)
    ents = collections.Counter()
    adj = collections.Counter()
    canon = collections.defaultdict(set)
    for s, w, d in items:
        for e in d['entities']:
            (adj if e.get('form') == 'adjective' else ents)[e['type']] += 1
            canon[e['type']].add(e['canonical'])
    print('\n==== ENTITIES (listed per item, distinct surface forms)')
    print('  names:      ', dict(ents))
    print('  adjectives: ', dict(adj))
    allc = sorted(set().union(*canon.values()))
    print('  distinct canonical ids: %d' % len(allc))
    for t in sorted(canon):
        print('  %-8s %s' % (t, ' '.join(sorted(canon[t]))))
    print('\n==== SAMPLE ARTICLES: %d (%s)' % (len(samples), dict(collections.Counter(a.get('lang') for _, a in samples))))
    if errors:
        print('\n%d ERRORS' % len(errors))
        for e in errors:
            print('  ' + e)
        sys.exit(1)
    print('\nOK: no errors')

if __name__ == '__main__':
    main()
