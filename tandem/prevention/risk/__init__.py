"""The risk score, its explanation, the proactive worklist and the score's evaluation (issue 17).

A package of the prevention app (its tables carry the app label `prevention`); docs/contexts/prevention.md
says how it works and why.
"""
