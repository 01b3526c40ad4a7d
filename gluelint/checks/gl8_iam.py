"""GL8 — IAM through Glue: privilege-escalation paths security teams scan for, read from the IAM roles and
policies declared next to the Glue resources (Terraform aws_iam_*, CloudFormation AWS::IAM::*).

- GL801: a policy allows ``iam:PassRole`` on ``*`` together with a Glue action that starts code under a passed
  role (``glue:CreateJob``, ``UpdateJob``, ``CreateDevEndpoint``, ``CreateSession``).
- GL802: a policy allows ``glue:UpdateDevEndpoint`` on ``*`` (adding an SSH key to any endpoint's role).
- GL803: a Glue job's role does not trust ``glue.amazonaws.com``.
- GL804: a Glue job's role can do anything (``*`` on ``*``, or AdministratorAccess).
- GL805: a Glue resource-policy statement without ``Principal``.

Actions, the service principal and the managed-policy names come from rules/glue/iam.toml.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from typing import Any

from gluelint.checks.context import RuleContext, at
from gluelint.checks.registry import Result, check
from gluelint.knowledge.iam import iam
from gluelint.model.resources import IamPolicy, IamRole, Job, Resource, ResourcePolicy
from gluelint.model.values import Pending, Value, pending_in, policy_document


def _statements(document: Value) -> tuple[list[dict[str, Any]], Value | None]:
    """The statements of a policy document (JSON text or object), and the part unknown until apply if any."""
    try:
        data = policy_document(document)
    except ValueError:
        return [], None  # not JSON: the deploy rejects it
    if isinstance(data, Pending):
        return [], data.value
    found = data.get("Statement", []) if isinstance(data, dict) else []
    items = found if isinstance(found, list) else [found]
    return [s for s in items if isinstance(s, dict)], None


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


def allows(statement: dict[str, Any], action: str) -> bool | None:
    """Whether an Allow statement grants ``action`` (wildcards, NotAction); None when that part is unknown."""
    if pending_in([statement.get("Effect"), statement.get("Action"), statement.get("NotAction")]) is not None:
        return None
    if statement.get("Effect") != "Allow" or "Condition" in statement:
        return False
    if "NotAction" in statement:
        return not any(fnmatch.fnmatchcase(action.lower(), p.lower()) for p in _strings(statement["NotAction"]))
    return any(fnmatch.fnmatchcase(action.lower(), p.lower()) for p in _strings(statement.get("Action")))


def names_service(statement: dict[str, Any], action: str) -> bool:
    """Whether the statement grants ``action`` through a pattern of its own service (``glue:*``, ``glue:Create*``),
    not only through a bare ``*`` (an administrator's policy, which GL804 reports on job roles)."""
    service = action.split(":", 1)[0].lower() + ":"
    return any(p.lower().startswith(service) and fnmatch.fnmatchcase(action.lower(), p.lower())
               for p in _strings(statement.get("Action")))


def on_any_resource(statement: dict[str, Any]) -> bool | None:
    """Whether the statement applies to every resource (``*``); None when an unknown part could be ``*`` (one
    with written text, ``arn:aws:iam::${AWS::AccountId}:role/x``, cannot)."""
    if "NotResource" in statement:
        return True
    resource = statement.get("Resource")
    if "*" in _strings(resource):
        return True
    items = resource if isinstance(resource, list) else [resource]
    could = [i for i in items if isinstance(i, Pending) and not _written(i.value)]
    return None if could else False


def _written(value: Value) -> bool:
    """An unknown string with written text other than ``*``: never the wildcard itself."""
    return any(p.text and p.text.strip("*") for p in value.parts or [])


def _granted(statements: list[dict[str, Any]], actions: list[str]) -> tuple[list[str], bool]:
    """The actions of ``actions`` some statement allows on every resource through a pattern of the action's own
    service, and whether an unknown part could."""
    found: list[str] = []
    pending = False
    for action in actions:
        for st in statements:
            granted, anywhere = allows(st, action), on_any_resource(st)
            if granted and not names_service(st, action):
                continue
            if granted and anywhere:
                found.append(action)
                break
            if granted is None or (granted and anywhere is None):
                pending = True
    return found, pending


def _documents(resource: Resource) -> list[tuple[str, Value]]:
    if isinstance(resource, IamRole):
        return [(f"inline policy {i + 1}", p) for i, p in enumerate(resource.inline_documents())]
    if isinstance(resource, IamPolicy) and resource.policy is not None:
        return [("policy", resource.policy)]
    return []


def _attribute(resource: Resource) -> str:
    return "policy" if isinstance(resource, IamPolicy) else "inline_policy"


@check("GL801", Resource)
def passrole_with_glue_code_actions(resource: Resource, ctx: RuleContext) -> Iterator[Result]:
    facts = iam()
    for label, document in _documents(resource):
        statements, unknown = _statements(document)
        if unknown is not None:
            yield ctx.undecided(_attribute(resource), unknown)
            continue
        passes, pending_pass = _granted(statements, [facts.pass_role])
        code, pending_code = _granted(statements, facts.code_actions)
        if passes and code:
            yield ctx.finding(at(resource, document) or resource.span,
                              f"{resource.address}: {label} allows {facts.pass_role} on \"*\" together with "
                              f"{', '.join(code)}: whoever holds it can run code as any role the account has (a Glue "
                              "job or endpoint under a more privileged role); limit iam:PassRole to the Glue roles' "
                              "ARNs with the condition iam:PassedToService = glue.amazonaws.com",
                              attribute=_attribute(resource))
        elif (pending_pass and not passes) or (pending_code and not code and passes):
            yield ctx.undecided(_attribute(resource), document)


@check("GL802", Resource)
def update_dev_endpoint_on_any(resource: Resource, ctx: RuleContext) -> Iterator[Result]:
    facts = iam()
    for label, document in _documents(resource):
        statements, unknown = _statements(document)
        if unknown is not None:
            continue  # GL801 reports it undecided
        found, pending = _granted(statements, [facts.update_dev_endpoint])
        if found:
            yield ctx.finding(at(resource, document) or resource.span,
                              f"{resource.address}: {label} allows {facts.update_dev_endpoint} on \"*\": whoever "
                              "holds it can add an SSH key to any development endpoint and act as its role; name "
                              "the endpoints it may update", attribute=_attribute(resource))
        elif pending:
            yield ctx.undecided(_attribute(resource), document)


def job_role(ctx: RuleContext, job: Job) -> IamRole | None:
    """The IAM role a job runs as, when it is declared in the scanned files."""
    if job.role is None or job.role.is_branching:
        return None
    target = ctx.inventory.referenced(job, job.role)
    if isinstance(target, IamRole):
        return target
    text = job.role.as_str()
    if text is None:
        return None
    name = text.rsplit("/", 1)[-1] if text.startswith("arn:") else text
    matches = [r for r in ctx.inventory.named(IamRole.kind, name) if isinstance(r, IamRole)]
    return matches[0] if len(matches) == 1 else None


@check("GL803", Job)
def job_role_not_trusting_glue(job: Job, ctx: RuleContext) -> Iterator[Result]:
    role = job_role(ctx, job)
    if role is None or role.assume_role_policy is None:
        return
    facts = iam()
    statements, unknown = _statements(role.assume_role_policy)
    if unknown is not None:
        yield ctx.undecided("role", unknown)
        return
    trusted = False
    for st in statements:
        if allows(st, facts.assume_role) is None or pending_in(st.get("Principal")) is not None:
            yield ctx.undecided("role", role.assume_role_policy)
            return
        principal = st.get("Principal")
        services = _strings(principal.get("Service")) if isinstance(principal, dict) else []
        if allows(st, facts.assume_role) and facts.glue_service in services:
            trusted = True
    if not trusted:
        yield ctx.finding(at(job, job.role) or job.span,
                          f"{job.address} runs as {role.address}, whose trust policy does not let "
                          f"{facts.glue_service} assume it: the job cannot start; add a statement allowing "
                          f"{facts.assume_role} to the service principal {facts.glue_service}", attribute="role")


@check("GL804", Job)
def job_role_is_admin(job: Job, ctx: RuleContext) -> Iterator[Result]:
    role = job_role(ctx, job)
    if role is None:
        return
    facts = iam()
    reasons: list[str] = []
    for arn in attached_arns(ctx, role):
        if any(arn.endswith(f":policy/{name}") for name in facts.admin_policies):
            reasons.append(f"the managed policy {arn.rsplit('/', 1)[-1]}")
    for label, document in [*_documents(role), *attached_documents(ctx, role)]:
        statements, unknown = _statements(document)
        if unknown is not None:
            yield ctx.undecided("role", unknown)
            continue
        if any(allows(st, "*") and on_any_resource(st) and _all_actions(st) for st in statements):
            reasons.append(f"{label} (\"*\" on \"*\")")
    if reasons:
        yield ctx.finding(at(job, job.role) or job.span,
                          f"{job.address} runs as {role.address}, which can do anything in the account through "
                          f"{', '.join(reasons)}: anyone who can change the job's script gets that; grant only "
                          "what the job reads and writes", attribute="role")


def _all_actions(statement: dict[str, Any]) -> bool:
    return "NotAction" not in statement and any(a in ("*", "*:*") for a in _strings(statement.get("Action")))


def _names_role(value: Value | None, role: IamRole, owner: Resource, ctx: RuleContext) -> bool:
    if value is None:
        return False
    for _, leaf in value.leaves():
        for item in leaf.as_list() or [leaf]:
            target = ctx.inventory.referenced(owner, item)
            if target is role or (item.as_str() is not None and role.name is not None
                                  and item.as_str() == role.name.as_str()):
                return True
    return False


def _policies_of(ctx: RuleContext, role: IamRole) -> list[IamPolicy]:
    return [p for p in ctx.inventory.of(IamPolicy) if p.scope == role.scope and _names_role(p.roles, role, p, ctx)]


def attached_arns(ctx: RuleContext, role: IamRole) -> list[str]:
    """Literal ARNs of managed policies attached to ``role`` (its managed_policy_arns and attachments)."""
    values: list[Value] = []
    if role.managed_policy_arns is not None:
        values += role.managed_policy_arns.as_list() or [role.managed_policy_arns]
    values += [p.policy_arn for p in _policies_of(ctx, role) if p.policy_arn is not None]
    return [v.as_str() or "" for v in values if v.as_str() is not None]


def attached_documents(ctx: RuleContext, role: IamRole) -> list[tuple[str, Value]]:
    """Documents of the policies attached to ``role``: inline role policies, policies listing the role, and
    managed policies it references by ARN when they are declared."""
    out: list[tuple[str, Value]] = []
    for p in _policies_of(ctx, role):
        if p.policy is not None:
            out.append((f"policy {p.address}", p.policy))
        elif p.policy_arn is not None:
            target = ctx.inventory.referenced(p, p.policy_arn)
            if isinstance(target, IamPolicy) and target.policy is not None:
                out.append((f"policy {target.address}", target.policy))
    for item in (role.managed_policy_arns.as_list() or []) if role.managed_policy_arns is not None else []:
        target = ctx.inventory.referenced(role, item)
        if isinstance(target, IamPolicy) and target.policy is not None:
            out.append((f"policy {target.address}", target.policy))
    return out


@check("GL805", ResourcePolicy)
def resource_policy_without_principal(policy: ResourcePolicy, ctx: RuleContext) -> Iterator[Result]:
    if policy.policy is None:
        return
    for label, leaf in policy.policy.leaves():
        statements, unknown = _statements(leaf)
        if unknown is not None:
            yield ctx.undecided("policy", unknown)
            continue
        for index, st in enumerate(statements):
            if "Principal" in st or "NotPrincipal" in st:
                continue
            name = st.get("Sid") if isinstance(st.get("Sid"), str) else f"#{index + 1}"
            yield ctx.finding(at(policy, leaf), f"{policy.address}: statement {name} has no Principal: a resource "
                                                "policy must say who it applies to, and Glue rejects the policy; "
                                                "add the principals (account root, roles) it is meant for",
                              attribute="policy", branch=label)
