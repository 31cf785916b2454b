#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Nawat authors
#
# Reads the application's accessible tree over AT-SPI, as a screen reader
# does, and checks what test-a11y.c asks for.  It prints one line per
# problem and exits 0 (all good), 1 (problems) or 3 (no accessibility bus,
# no Atspi typelib, or the application is not on the bus).
#
#   a11y-read.py --pid PID [--names] [--row TEXT]... [--selected-row TEXT]
#                [--checked TEXT]... [--read-only] [--radio-groups N]
#                [--sort-header HEADER|TEXT] [--radio-choice TEXT]... [--says TEXT]...
#                [--status TEXT] [--dump]

import argparse
import os
import re
import sys
import time

UNREACHABLE = 3


def unreachable(message):
    print('cannot reach the accessibility bus: ' + message, flush=True)
    sys.exit(UNREACHABLE)


try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
except (ImportError, ValueError) as e:
    unreachable('no Atspi typelib for python3 (%s): install gir1.2-atspi-2.0 and python3-gi' % e)


class Node:
    """What a screen reader announces of one accessible."""

    def __init__(self, acc, parent, depth):
        self.acc = acc
        self.parent = parent
        self.depth = depth
        self.role = acc.get_role_name()
        self.name = acc.get_name() or ''
        self.description = acc.get_description() or ''
        self.states = {s.value_nick for s in acc.get_state_set().get_states()}
        self.relations = {}
        for relation in acc.get_relation_set():
            targets = [relation.get_target(i) for i in range(relation.get_n_targets())]
            self.relations[relation.get_relation_type().value_nick] = targets
        self.children = []
        try:
            e = acc.get_extents(Atspi.CoordType.WINDOW)
            self.extents = (e.x, e.y, e.width, e.height)
        except Exception:
            self.extents = None

    def has(self, state):
        return state in self.states

    def spoken(self):
        """The name, the description and the texts of described-by targets."""
        parts = [self.name, self.description]
        for target in self.relations.get('described-by', []):
            parts.append(target.get_name() or '')
        return ' '.join(p for p in parts if p)

    def where(self):
        """The nearest named ancestor: where a problem is."""
        for node in self.ancestors():
            if node.name and not TYPE_NAME.match(node.name):
                return ' (in [%s] %r)' % (node.role, node.name)
        return ''

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def __str__(self):
        return '[%s] %r%s {%s} %s' % (self.role, self.name,
                                   ' desc=%r' % self.description if self.description else '',
                                   ','.join(sorted(self.states)), self.extents)


def read_tree(acc, parent=None, depth=0, nodes=None):
    if nodes is None:
        nodes = []
    node = Node(acc, parent, depth)
    nodes.append(node)
    if parent is not None:
        parent.children.append(node)
    for i in range(acc.get_child_count()):
        child = acc.get_child_at_index(i)
        if child is not None:
            read_tree(child, node, depth + 1, nodes)
    return nodes


def find_app(pid):
    deadline = time.monotonic() + 30
    seen = []
    while time.monotonic() < deadline:
        desktop = Atspi.get_desktop(0)
        if desktop is None:
            unreachable('no desktop object (is at-spi2-core installed and GTK_A11Y unset or "atspi"?)')
        seen = []
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is None:
                continue
            seen.append('%s (%d)' % (app.get_name(), app.get_process_id()))
            if app.get_process_id() == pid:
                return app
        time.sleep(0.2)
    unreachable('the application (pid %d) is not on the bus after 30 s; seen: %s'
                % (pid, ', '.join(seen) or 'nothing'))


# A name that says nothing: empty, a type name, a mnemonic underscore, or
# the same words twice ("_Submit Submit").
TYPE_NAME = re.compile(r'^(Gtk|Adw|Nawat)[A-Z][A-Za-z]*$')
MNEMONIC = re.compile(r'(^|\s)_\w')


def name_problem(name):
    if not name.strip():
        return 'no name'
    if TYPE_NAME.match(name):
        return 'a type name for a name'
    if MNEMONIC.search(name):
        return 'a mnemonic underscore in the name'
    words = name.replace('_', '').split()
    half = len(words) // 2
    if half > 0 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return 'the name said twice'
    return None


def check_names(nodes, problems):
    for node in nodes:
        if not node.has('focusable'):
            continue
        # A combo row's display of its value is libadwaita's, with
        # can-focus off: the keyboard never stops there, yet GTK 4.8 says
        # "focusable" of every widget whose focusable property is set.
        if any(a.role == 'combo box' for a in node.ancestors()):
            continue
        problem = name_problem(node.name)
        if problem is not None:
            problems.append('focusable %s%s: %s' % (node, node.where(), problem))


def check_radio_groups(nodes, expected, problems):
    groups = [n for n in nodes if any(c.role == 'radio button' for c in n.children)
              and n.role != 'radio button']
    levels = [g for g in groups if all(c.role == 'radio button' for c in g.children)
              and any(re.search(r'\b\d+ of \d+\b', c.spoken()) for c in g.children)]
    if len(levels) != expected:
        problems.append('%d groups of level radios with their position ("N of M"), expected %d'
                        % (len(levels), expected))
    for group in levels:
        if not group.name:
            problems.append('a group of levels without a name: %s' % group)
        if group.role not in ('panel', 'radio group', 'grouping'):
            problems.append('a group of levels with the role %r' % group.role)
        n = len(group.children)
        checked = [c for c in group.children if c.has('checked')]
        if len(checked) > 1:
            problems.append('%s: %d levels checked' % (group, len(checked)))
        for i, radio in enumerate(group.children):
            if radio.has('pressed'):
                problems.append('%s: a radio that says "pressed"' % radio)
            if ('%d of %d' % (i + 1, n)) not in radio.spoken():
                problems.append('%s: no "%d of %d" in its name or description' % (radio, i + 1, n))


def check_checked(nodes, texts, problems):
    radios = [n for n in nodes if n.role == 'radio button' and n.has('checked')]
    for text in texts:
        if not any(all(t in r.spoken() for t in text.split('|')) for r in radios):
            problems.append('no checked radio button says %r (checked: %s)'
                            % (text, '; '.join(str(r) for r in radios) or 'none'))


def check_read_only(nodes, texts, problems):
    """A submitted form: nothing can be changed, and its criteria and their
    levels are read on focusable elements."""
    form = [n for n in nodes if n.role == 'scroll pane' and n.name == 'Proposal Evaluation']
    if not form:
        problems.append('no scroll pane "Proposal Evaluation" (the score form)')
    for node in nodes:
        if not any(a in form for a in node.ancestors()):
            continue
        if node.role == 'radio button' and (node.has('enabled') or node.has('sensitive')):
            problems.append('read-only form: %s is enabled' % node)
        if node.role in ('text', 'entry', 'password text') and node.has('editable'):
            problems.append('read-only form: %s is editable' % node)
    focusable = [n for n in nodes if n.has('focusable')]
    for text in texts:
        if not any(all(t in n.spoken() for t in text.split('|')) for n in focusable):
            problems.append('read-only form: no focusable element says %r' % text)


def check_rows(nodes, texts, selected, problems):
    lists = [n for n in nodes if n.role == 'list' and n.name == 'Projects']
    if not lists:
        problems.append('no list named "Projects"')
        return
    rows = [c for c in lists[0].children if c.role == 'list item']
    if not rows:
        problems.append('the list "Projects" has no list item')
    for row in rows:
        if not row.name:
            problems.append('a project row without a name: %s' % row)
    for text in texts:
        if not any(text in r.name for r in rows):
            problems.append('no project row named with %r' % text)
    for text in selected:
        match = [r for r in rows if text in r.name]
        if not match or not match[0].has('selected'):
            problems.append('the open project\'s row (%r) is not selected: %s'
                            % (text, match[0] if match else 'no such row'))
        others = [r for r in rows if r.has('selected') and text not in r.name]
        for other in others:
            problems.append('a row that is not open is selected: %s' % other)


CONTROLS = ('check box', 'radio button', 'toggle button', 'push button')


def check_choices(nodes, texts, problems):
    """Choices of one among several: radio buttons, one checked per group."""
    groups = set()
    for text in texts:
        match = [n for n in nodes if n.name == text and n.role in CONTROLS]
        if not match:
            problems.append('no control named %r' % text)
        for node in match:
            if node.role != 'radio button':
                problems.append('%s: a choice of one, not a radio button' % node)
            else:
                # The radios of one choice are the rows of one list.
                groups.update(a for a in node.ancestors() if a.role == 'list')
    for group in groups:
        radios = [n for n in nodes if n.role == 'radio button'
                  and any(a is group for a in n.ancestors())]
        checked = [r for r in radios if r.has('checked')]
        if len(checked) != 1:
            problems.append('%d of the radio buttons in %s checked, expected 1'
                            % (len(checked), group))


def check_focusable_named(nodes, texts, problems):
    for text in texts:
        if not any(n.has('focusable') and n.name == text for n in nodes):
            problems.append('no focusable element named %r' % text)



def check_says(nodes, texts, problems):
    """Tab stops that read a figure with what it counts."""
    focusable = [n for n in nodes if n.has('focusable')]
    for text in texts:
        if not any(n.name == text for n in focusable):
            near = [str(n) for n in focusable if text.split(':')[0] in n.name]
            problems.append('no focusable element named %r (%s)' % (text, '; '.join(near) or 'none near'))


def check_status(nodes, text, problems):
    """The window's last message: in a status label that stays, and read
    with the focused widget (GTK 4.8 cannot announce it)."""
    status = [n for n in nodes if n.role in ('status bar', 'status') and n.name == text]
    if not status:
        problems.append('no status named %r (status: %s)'
                        % (text, '; '.join(str(n) for n in nodes
                                           if n.role in ('status bar', 'status')) or 'none'))
    focused = [n for n in nodes if n.has('focused')]
    if not focused:
        problems.append('nothing has the focus')
    for node in focused:
        if text not in node.spoken():
            problems.append('the focused %s is not described by %r' % (node, text))


def check_sort_header(nodes, expected, problems):
    """The table's headers are named Tab stops; the one it is sorted by
    says so (expected: "Header|what it says")."""
    # GTK 4.8 has no AT-SPI role for a column header (a "filler"): a
    # header that sorts is a push button, in the table's first row.
    tables = [n for n in nodes if n.role in ('table', 'tree table')]
    rows = [next((c for c in t.children if c.role == 'table row'), None) for t in tables]
    headers = [h for r in rows if r is not None for h in r.children]
    if not headers:
        problems.append('no column header')
    for header in headers:
        if header.role not in ('column header', 'table column header', 'push button'):
            problems.append('a column header with the role %r: %s' % (header.role, header))
        if not header.name:
            problems.append('a column header without a name: %s' % header)
        if not header.has('focusable'):
            problems.append('a column header the keyboard cannot reach: %s' % header)
    name, said = expected.split('|')
    sorted_headers = [h for h in headers if 'sorted' in h.spoken().lower()]
    if [h.name for h in sorted_headers] != [name] or said not in sorted_headers[0].spoken():
        problems.append('expected only the header %r to say %r: %s'
                        % (name, said, '; '.join(str(h) for h in sorted_headers) or 'none'))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--pid', type=int, required=True)
    parser.add_argument('--names', action='store_true')
    parser.add_argument('--row', action='append', default=[])
    parser.add_argument('--selected-row', action='append', default=[])
    parser.add_argument('--checked', action='append', default=[])
    parser.add_argument('--read-only', action='append', default=None)
    parser.add_argument('--radio-groups', type=int)
    parser.add_argument('--radio-choice', action='append', default=[])
    parser.add_argument('--sort-header')
    parser.add_argument('--says', action='append', default=[])
    parser.add_argument('--status')
    parser.add_argument('--focusable-named', action='append', default=[])
    parser.add_argument('--dump', action='store_true')
    args = parser.parse_args()

    try:
        Atspi.init()
        app = find_app(args.pid)
        nodes = read_tree(app)
    except gi.repository.GLib.Error as e:
        unreachable(str(e))

    if args.dump or os.environ.get("NAWAT_A11Y_DUMP"):
        for node in nodes:
            print('  ' * node.depth + str(node))

    problems = []
    if args.names:
        check_names(nodes, problems)
    if args.row or args.selected_row:
        check_rows(nodes, args.row, args.selected_row, problems)
    if args.radio_groups is not None:
        check_radio_groups(nodes, args.radio_groups, problems)
    if args.checked:
        check_checked(nodes, args.checked, problems)
    if args.read_only is not None:
        check_read_only(nodes, args.read_only, problems)
    if args.radio_choice:
        check_choices(nodes, args.radio_choice, problems)
    if args.status is not None:
        check_status(nodes, args.status, problems)
    if args.says:
        check_says(nodes, args.says, problems)
    if args.sort_header:
        check_sort_header(nodes, args.sort_header, problems)
    if args.focusable_named:
        check_focusable_named(nodes, args.focusable_named, problems)

    print('read %d accessibles, %d focusable; %d problems'
          % (len(nodes), sum(1 for n in nodes if n.has('focusable')), len(problems)))
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)


main()
