#!/usr/bin/env python3
# check-contrast.py SOURCE-ROOT: the colours of resources/style.css (and its
# -dark, -hc and -hc-dark companions) against libadwaita 1.2's palette, in the
# light, dark and high contrast styles: every text on its background reaches
# WCAG AA (4.5:1), every focus ring and chosen-state fill 3:1.
#
# It cascades a few of libadwaita's own rules (the ones that dim a label or a
# disabled control, from libadwaita 1.2.2's base.css and base-hc.css) and then
# the application's, as GTK does: the application's provider wins whatever
# the selector.  Each element is a set of simple selectors (type, .class,
# :state); a rule applies when all of its simple selectors are in the set.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

# libadwaita 1.2.2, defaults-light.css and defaults-dark.css: the named
# colours the application and the rules below use.  High contrast uses the
# same palette with the rules of base-hc.css.
PALETTE = {
    'light': {
        'accent_bg_color': '#3584e4', 'accent_fg_color': 'white',
        'accent_color': '#1c71d8',
        'destructive_bg_color': '#e01b24', 'destructive_fg_color': 'white',
        'destructive_color': '#c01c28',
        'success_bg_color': '#2ec27e', 'success_fg_color': 'white',
        'success_color': '#1b8553',
        'warning_bg_color': '#e5a50a', 'warning_fg_color': 'rgba(0, 0, 0, 0.8)',
        'warning_color': '#9c6e03',
        'error_bg_color': '#e01b24', 'error_fg_color': 'white',
        'error_color': '#c01c28',
        'window_bg_color': '#fafafa', 'window_fg_color': 'rgba(0, 0, 0, 0.8)',
        'view_bg_color': '#ffffff', 'view_fg_color': 'rgba(0, 0, 0, 0.8)',
        'headerbar_bg_color': '#ebebeb', 'headerbar_fg_color': 'rgba(0, 0, 0, 0.8)',
        'card_bg_color': '#ffffff', 'card_fg_color': 'rgba(0, 0, 0, 0.8)',
        'popover_bg_color': '#ffffff', 'popover_fg_color': 'rgba(0, 0, 0, 0.8)',
    },
    'dark': {
        'accent_bg_color': '#3584e4', 'accent_fg_color': 'white',
        'accent_color': '#78aeed',
        'destructive_bg_color': '#c01c28', 'destructive_fg_color': 'white',
        'destructive_color': '#ff7b63',
        'success_bg_color': '#26a269', 'success_fg_color': 'white',
        'success_color': '#8ff0a4',
        'warning_bg_color': '#cd9309', 'warning_fg_color': 'rgba(0, 0, 0, 0.8)',
        'warning_color': '#f8e45c',
        'error_bg_color': '#c01c28', 'error_fg_color': 'white',
        'error_color': '#ff7b63',
        'window_bg_color': '#242424', 'window_fg_color': 'white',
        'view_bg_color': '#1e1e1e', 'view_fg_color': 'white',
        'headerbar_bg_color': '#303030', 'headerbar_fg_color': 'white',
        'card_bg_color': 'rgba(255, 255, 255, 0.08)', 'card_fg_color': 'white',
        'popover_bg_color': '#383838', 'popover_fg_color': 'white',
    },
}

# The rules of libadwaita 1.2.2 that decide how the elements below look,
# beyond their colours: dimming by opacity, disabled states, focus rings.
ADWAITA_CSS = '''
.card { background-color: @card_bg_color; color: @card_fg_color; }
button { background-color: alpha(currentColor, 0.1); }
button:checked { background-color: alpha(currentColor, 0.3); }
button:disabled { filter: opacity(0.5); }
button:focus:focus-visible { outline-color: alpha(@accent_color, 0.5); }
checkbutton:focus:focus-visible { outline-color: alpha(@accent_color, 0.5); }
entry { background-color: alpha(currentColor, 0.1); }
entry:disabled { filter: opacity(0.5); }
entry:focus-within { outline-color: alpha(@accent_color, 0.5); }
row:focus:focus-visible { outline-color: alpha(@accent_color, 0.5); }
textview > text { color: @view_fg_color; background-color: @view_bg_color; }
.view:disabled { color: alpha(currentColor, 0.5); }
textview > text:disabled { color: alpha(currentColor, 0.5);
                           background-color: mix(@window_bg_color, @view_bg_color, 0.4); }
label:disabled { filter: opacity(0.5); }
.dim-label { opacity: 0.55; }
row label.subtitle { opacity: 0.55; }
windowtitle .subtitle { opacity: 0.55; }
'''

# base-hc.css changes these.
ADWAITA_HC_CSS = '''
button:disabled { filter: opacity(0.4); }
button:focus:focus-visible { outline-color: alpha(@accent_color, 0.8); }
checkbutton:focus:focus-visible { outline-color: alpha(@accent_color, 0.8); }
entry:focus-within { outline-color: alpha(@accent_color, 0.8); }
row:focus:focus-visible { outline-color: alpha(@accent_color, 0.8); }
label:disabled { filter: opacity(0.4); }
.dim-label { opacity: 0.9; }
row label.subtitle { opacity: 0.9; }
windowtitle .subtitle { opacity: 0.9; }
'''

# What each element lies on, and what it inherits its colour from.
SURFACES = {
    'window': ('window_bg_color', 'window_fg_color'),
    'view': ('view_bg_color', 'view_fg_color'),
    'card': ('card_bg_color', 'card_fg_color'),
    'headerbar': ('headerbar_bg_color', 'headerbar_fg_color'),
}

TEXT = 4.5
NON_TEXT = 3.0

# The elements libadwaita draws for us, in the states the issue measured,
# as (what it is, its simple selectors, its surface, what is checked).
# 'text' checks the text on its background, 'focus' the outline against the
# surface, 'fill' the background against the surface.
ELEMENTS = [
    ('level, unselected', 'scoreform .card button.score-level', 'card', 'text'),
    ('level, unselected, submitted', 'scoreform .card button.score-level:disabled', 'card', 'text'),
    ('level, chosen', 'scoreform .card button.score-level:checked', 'card', 'text fill'),
    ('level, chosen, submitted', 'scoreform .card button.score-level:checked:disabled', 'card', 'text fill'),
    ('level, focused', 'scoreform .card button.score-level:focus:focus-visible', 'card', 'focus'),
    ('criterion card, focused', 'scoreform .card.score-criterion:focus-within', 'card', 'focus'),
    ('comment, read-only', 'scoreform .card entry:disabled', 'card', 'text'),
    ('comment, focused', 'scoreform .card entry:focus-within', 'card', 'focus'),
    ('overall comment, read-only', 'scoreform textview.view:disabled', 'view', 'text'),
    ('overall comment text, read-only', 'scoreform textview:disabled > text:disabled', 'view', 'text'),
    ('recommendation, read-only', 'scoreform .card row label:disabled', 'card', 'text'),
    ('recommendation, focused', 'scoreform .card row:focus:focus-visible', 'card', 'focus'),
    ('button, focused', 'button:focus:focus-visible', 'window', 'focus'),
    ('check button, focused', 'checkbutton:focus:focus-visible', 'window', 'focus'),
    ('caption on a window', 'label.caption.dim-label', 'window', 'text'),
    ('caption on a card', '.card label.caption.dim-label', 'card', 'text'),
    ('caption in a list row', '.card row label.subtitle', 'card', 'text'),
    ('window subtitle', 'headerbar windowtitle label.subtitle', 'headerbar', 'text'),
]

# Where the application's own rules sit, for the elements made of them.
RULE_SURFACES = [
    (r'score-criterion|score-level|domain-chip|sector-row', 'card'),
    (r'textview', 'view'),
]


def die(message):
    print(message)
    sys.exit(1)


# Colours ------------------------------------------------------------------

def parse_hex(text):
    text = text[1:]
    if len(text) == 3:
        text = ''.join(c * 2 for c in text)
    return tuple(int(text[i:i + 2], 16) / 255 for i in (0, 2, 4)) + (1.0,)


def split_args(text):
    args, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
        elif c == ',' and depth == 0:
            args.append(text[start:i].strip())
            start = i + 1
    args.append(text[start:].strip())
    return args


def resolve(expr, palette, current):
    """The RGBA (0..1) of a GTK CSS colour expression."""
    expr = expr.strip()
    if expr.startswith('@'):
        name = expr[1:]
        if name not in palette:
            die(f'unknown named colour @{name}: add it from libadwaita 1.2 to PALETTE')
        return resolve(palette[name], palette, current)
    if expr.startswith('#'):
        return parse_hex(expr)
    if expr == 'white':
        return (1.0, 1.0, 1.0, 1.0)
    if expr == 'black':
        return (0.0, 0.0, 0.0, 1.0)
    if expr == 'transparent':
        return (0.0, 0.0, 0.0, 0.0)
    if expr in ('currentColor', 'inherit'):
        return current
    m = re.fullmatch(r'(\w+)\((.*)\)', expr, re.S)
    if not m:
        die(f'cannot read the colour {expr!r}')
    func, args = m.group(1), split_args(m.group(2))
    if func in ('rgb', 'rgba'):
        values = [float(a) for a in args]
        return (values[0] / 255, values[1] / 255, values[2] / 255,
                values[3] if len(values) > 3 else 1.0)
    if func == 'alpha':
        c = resolve(args[0], palette, current)
        return c[:3] + (c[3] * float(args[1]),)
    if func == 'mix':
        a = resolve(args[0], palette, current)
        b = resolve(args[1], palette, current)
        t = float(args[2])
        return tuple(a[i] + (b[i] - a[i]) * t for i in range(4))
    if func == 'image':
        return resolve(args[0], palette, current)
    die(f'cannot read the colour function {func}()')


def over(top, bottom):
    """@top composited on the opaque @bottom."""
    a = top[3]
    return tuple(top[i] * a + bottom[i] * (1 - a) for i in range(3)) + (1.0,)


def blend(colour, surface, opacity):
    return tuple(colour[i] * opacity + surface[i] * (1 - opacity) for i in range(3)) + (1.0,)


def luminance(c):
    def channel(v):
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# CSS ----------------------------------------------------------------------

def parse_css(text):
    """[(selector, {property: value})] in file order."""
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    rules = []
    for selectors, body in re.findall(r'([^{}]+)\{([^{}]*)\}', text):
        declarations = {}
        for declaration in body.split(';'):
            if ':' in declaration:
                name, value = declaration.split(':', 1)
                declarations[name.strip()] = ' '.join(value.split())
        for selector in selectors.split(','):
            if selector.strip() and not selector.strip().startswith('@'):
                rules.append((' '.join(selector.split()), declarations))
    return rules


def simple_selectors(selector):
    """The simple selectors of @selector, and those it excludes with :not()."""
    excluded = set(re.findall(r':not\(([^)]*)\)', selector))
    selector = re.sub(r':not\([^)]*\)', '', selector)
    tokens = set()
    for compound in re.split(r'[\s>+~]+', selector):
        tokens.update(t for t in re.findall(r'[.:#]?[\w-]+(?:\([^)]*\))?', compound) if t)
    return tokens, excluded


def applies(selector, element):
    tokens, excluded = simple_selectors(selector)
    return tokens <= element and not (excluded & element)


def specificity(selector):
    tokens, excluded = simple_selectors(selector)
    tokens = list(tokens) + list(excluded)
    return (sum(t.startswith('#') for t in tokens),
            sum(t[0] in '.:' for t in tokens),
            sum(t[0] not in '#.:' for t in tokens))


def cascade(providers, element):
    """GTK's cascade: provider after provider; within one, by specificity,
    then by order."""
    style = {}
    for rules in providers:
        matching = [(specificity(selector), i, declarations)
                    for i, (selector, declarations) in enumerate(rules)
                    if applies(selector, element)]
        for _, _, declarations in sorted(matching, key=lambda m: m[:2]):
            style.update(declarations)
    return style


def property_colour(style, name):
    value = style.get(name)
    if value is None and name == 'background-color':
        value = style.get('background')
        if value in ('none', None):
            return None
    if value is None and name == 'outline-color':
        m = re.search(r'solid (.*)$', style.get('outline', ''))
        value = m.group(1) if m else None
    return value


def opacity_of(style):
    result = 1.0
    m = re.search(r'opacity\(([\d.]+)\)', style.get('filter', ''))
    if m:
        result *= float(m.group(1))
    if 'opacity' in style:
        result *= float(style['opacity'])
    return result


def measure(rules, element, surface_name, palette):
    """(text contrast, focus-ring contrast, fill contrast) of @element."""
    bg_name, fg_name = SURFACES[surface_name]
    surface = over(resolve('@' + bg_name, palette, None), resolve('@window_bg_color', palette, None))
    style = cascade(rules, element)
    fg_expr = style.get('color', '@' + fg_name)
    fg = resolve(fg_expr, palette, resolve('@' + fg_name, palette, None))
    bg_expr = property_colour(style, 'background-color')
    bg = over(resolve(bg_expr, palette, fg), surface) if bg_expr else surface
    text = over(fg, bg)
    opacity = opacity_of(style)
    text, bg_seen = blend(text, surface, opacity), blend(bg, surface, opacity)
    ring_expr = property_colour(style, 'outline-color')
    ring = contrast(over(resolve(ring_expr, palette, fg), surface), surface) if ring_expr else None
    fill = contrast(bg_seen, surface)
    m = re.search(r'inset 0 0 0 \d+px (.*)$', style.get('box-shadow', ''))
    if m:
        fill = max(fill, contrast(blend(over(resolve(m.group(1), palette, fg), surface), surface, opacity), surface))
    return contrast(text, bg_seen), ring, fill


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '.'

    def read(name):
        path = os.path.join(root, 'resources', name)
        return parse_css(open(path, encoding='utf-8').read()) if os.path.exists(path) else []

    adwaita = parse_css(ADWAITA_CSS)
    adwaita_hc = parse_css(ADWAITA_HC_CSS)
    app, app_dark, app_hc, app_hc_dark = (read(n) for n in
                                          ('style.css', 'style-dark.css', 'style-hc.css', 'style-hc-dark.css'))
    # Each file is a provider of its own, in the order libadwaita adds them.
    styles = {
        'light': (PALETTE['light'], [adwaita, app]),
        'dark': (PALETTE['dark'], [adwaita, app, app_dark]),
        'high contrast': (PALETTE['light'], [adwaita, adwaita_hc, app, app_hc]),
        'high contrast dark': (PALETTE['dark'],
                               [adwaita, adwaita_hc, app, app_dark, app_hc, app_hc_dark]),
    }

    # Every rule of the application's that sets a colour is an element too.
    elements = list(ELEMENTS)
    for selector, declarations in app + app_dark + app_hc + app_hc_dark:
        if not {'color', 'background-color', 'background', 'outline', 'outline-color'} & set(declarations):
            continue
        surface = next((s for pattern, s in RULE_SURFACES if re.search(pattern, selector)), 'window')
        checks = 'focus' if re.search(r'outline', ' '.join(declarations)) else 'text'
        elements.append((selector, selector, surface, checks))

    failures = 0
    for name, selector, surface, checks in elements:
        tokens, _ = simple_selectors(selector)
        for style_name, (palette, rules) in styles.items():
            text, ring, fill = measure(rules, tokens, surface, palette)
            results = []
            if 'text' in checks:
                results.append(('text', text, TEXT))
            if 'focus' in checks and ring is not None:
                results.append(('focus ring', ring, NON_TEXT))
            if 'fill' in checks:
                results.append(('fill', fill, NON_TEXT))
            for what, ratio, target in results:
                ok = ratio >= target
                failures += not ok
                print(f'{"ok  " if ok else "FAIL"} {ratio:5.2f}:1 (≥ {target}) {what}: {name} [{style_name}]')

    print(f'{len(elements)} elements, {failures} below target')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
