"""``gluelint check --fix`` / ``--diff``: apply the safe fixes that checks attach to findings.

A fix is data on the finding (gluelint.findings.Fix): exact text edits at the finding's place, the model field
they change and that field's value afterwards. This package turns them into byte-exact replacements
(:mod:`gluelint.fix.edits`) and keeps one only when the edited file re-parses to the same model except that
field, which must hold exactly the expected value, and no new finding appears (:mod:`gluelint.fix.apply`).
Everything else in the file (comments, ordering, quoting, line endings) stays as written.
"""
