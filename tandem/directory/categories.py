"""Tandem's own categories of community service, published as one ORUK taxonomy.

People search the directory by these; imported datasets may carry other taxonomies as well, and
their terms are kept, but the public category filter offers these. Ids are fixed so that every
installation (and every export) names a category the same way.
"""

import uuid
from dataclasses import dataclass

TAXONOMY_ID = uuid.UUID("6f1c2a52-8d0e-4b7e-9a3c-3d2b7c1e0a01")
TAXONOMY_NAME = "Tandem community service categories"


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    description: str

    @property
    def term_id(self) -> uuid.UUID:
        return uuid.uuid5(TAXONOMY_ID, self.code)


CATEGORIES: tuple[Category, ...] = (
    Category("lunch-clubs", "Lunch clubs", "Meals in company: community lunches and luncheon clubs"),
    Category("carers-support", "Carers' support", "Help, breaks and groups for unpaid carers"),
    Category("befriending", "Befriending", "Visits, calls and friendship for people who are lonely or isolated"),
    Category("falls-prevention", "Falls prevention", "Strength and balance classes and advice to prevent falls"),
    Category("benefits-advice", "Benefits and money advice", "Help with benefits, debt and money"),
    Category("dementia", "Dementia cafés and support", "Cafés, groups and advice for people living with dementia"),
    Category("transport", "Community transport", "Dial-a-ride, shopping buses and volunteer drivers"),
    Category("home-adaptations", "Home adaptations and repairs", "Handyperson services, grab rails and repairs"),
    Category("physical-activity", "Keeping active", "Walking groups, chair exercise and gentle sport"),
    Category("mental-wellbeing", "Mental wellbeing", "Talking groups, peer support and wellbeing courses"),
    Category("digital-skills", "Digital skills", "Help to get online and use phones, tablets and computers"),
    Category("shopping-meals", "Shopping and meals at home", "Shopping help and meals delivered to the door"),
)

BY_CODE = {category.code: category for category in CATEGORIES}
