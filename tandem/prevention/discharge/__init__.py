"""The hospital discharge hub (a Transfer of Care Hub): referrals from wards, the daily board,
brokerage of packages and beds, discharge, readmissions and the hub's figures (issue 17).

See docs/contexts/prevention.md, "The hospital discharge hub".
"""
