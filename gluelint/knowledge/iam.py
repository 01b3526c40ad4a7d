"""IAM facts for the GL8 pack (rules/glue/iam.toml)."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from gluelint.knowledge import load_data


class IamFacts(BaseModel):
    model_config = ConfigDict(frozen=True)

    pass_role: str
    code_actions: list[str]
    update_dev_endpoint: str
    assume_role: str
    glue_service: str
    admin_policies: list[str]
    source: str


@cache
def iam() -> IamFacts:
    return IamFacts.model_validate(load_data("gluelint.rules", "glue/iam.toml"))
