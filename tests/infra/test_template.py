"""template.yaml read as data: the properties the service's correctness and safety rest on."""

from __future__ import annotations

import importlib
import json
import os
from typing import Any

import pytest
from pydantic import SecretStr

from app.adapters import aws_secrets
from app.config import SSM_SUFFIX, Settings
from app.sources.registry import NAMES as WEBHOOK_SOURCES
from tests.infra.cfn import Resolver, function_properties, resources, template

FUNCTIONS = ("ApiFunction", "WorkerFunction", "SweepFunction", "PollFunction")
STAGES = ("dev", "staging", "prod")


def resolved(name: str, **parameters: str) -> dict[str, Any]:
    props: dict[str, Any] = Resolver({"Stage": "prod", **parameters}).resolve(
        function_properties(name)
    )
    return props


def env(name: str, **parameters: str) -> dict[str, str]:
    return {k: str(v) for k, v in resolved(name, **parameters)["Environment"]["Variables"].items()}


def statements(role: str, **parameters: str) -> list[dict[str, Any]]:
    props = Resolver({"Stage": "prod", **parameters}).resolve(
        template()["Resources"][role]["Properties"]
    )
    return [s for policy in props["Policies"] for s in policy["PolicyDocument"]["Statement"]]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def granted(role: str, action: str, **parameters: str) -> list[str]:
    return [
        r
        for s in statements(role, **parameters)
        if action in as_list(s["Action"])
        for r in as_list(s["Resource"])
    ]


# ---------------------------------------------------------------- handlers and timeouts


HANDLERS = {"ApiFunction": "http", "WorkerFunction": "worker", "SweepFunction": "sweep",
            "PollFunction": "poll"}  # fmt: skip


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_handler_is_the_handler_of_its_own_module_in_app_lambdas(name: str) -> None:
    module, attribute = function_properties(name)["Handler"].rsplit(".", 1)
    assert (module, attribute) == (f"app.lambdas.{HANDLERS[name]}", "handler")
    assert callable(getattr(importlib.import_module(module), attribute))


def test_the_runtime_matches_what_the_artifact_is_built_for() -> None:
    assert function_properties("ApiFunction")["Runtime"] == "python3.12"
    assert function_properties("ApiFunction")["CodeUri"] == "build/lambda/timebill.zip"
    assert set(template()["Parameters"]["Architecture"]["AllowedValues"]) == {"arm64", "x86_64"}


def test_a_parameter_change_reaches_the_running_functions() -> None:
    """With AutoPublishAlias, SAM publishes a new version only when code or a literal property
    changes: a parameter-only deploy would leave the alias on the old settings."""
    for name in FUNCTIONS:
        assert "AutoPublishAlias" not in function_properties(name)


def test_visibility_timeout_is_at_least_six_times_the_worker_timeout() -> None:
    queue = template()["Resources"]["JobsQueue"]["Properties"]
    assert queue["VisibilityTimeout"] >= 6 * function_properties("WorkerFunction")["Timeout"]


def test_timeouts_follow_the_budgets() -> None:
    api, worker = function_properties("ApiFunction"), function_properties("WorkerFunction")
    assert api["Timeout"] <= 10  # an acknowledgement, not work; QuickBooks wants one in 3 s
    assert worker["Timeout"] == 60
    batch = worker["Events"]["Jobs"]["Properties"]["BatchSize"]
    deadline_ms = template()["Parameters"]["WorkerDeadlineMs"]["MaxValue"]
    assert batch * deadline_ms / 1000 < worker["Timeout"]  # a whole batch at the deadline fits
    assert float(env("WorkerFunction")["TIMEBILL_WORKER_LEASE_S"]) > worker["Timeout"]


def test_the_worker_reports_partial_batch_failures_from_the_jobs_queue() -> None:
    event = function_properties("WorkerFunction")["Events"]["Jobs"]
    assert event["Type"] == "SQS"
    assert event["Properties"]["Queue"] == {"Fn::GetAtt": ["JobsQueue", "Arn"]}
    assert event["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]


def test_the_jobs_queue_redrives_to_its_dead_letter_queue() -> None:
    redrive = template()["Resources"]["JobsQueue"]["Properties"]["RedrivePolicy"]
    assert redrive["deadLetterTargetArn"] == {"Fn::GetAtt": ["JobsDeadLetterQueue", "Arn"]}
    assert 1 < redrive["maxReceiveCount"] <= 10
    dlq = template()["Resources"]["JobsDeadLetterQueue"]["Properties"]
    assert dlq["MessageRetentionPeriod"] == 14 * 24 * 3600


def test_the_sweep_runs_every_five_minutes() -> None:
    [event] = function_properties("SweepFunction")["Events"].values()
    assert event["Type"] == "Schedule"
    assert event["Properties"]["Schedule"] == "rate(5 minutes)"


POLL_SOURCES = ("none", "harvest", "qbtime", "harvest-and-qbtime")
TRACKER_SECRETS = {
    "harvest": {"TIMEBILL_HARVEST_TOKEN_SSM": "/timebill/prod/harvest-token",
                "TIMEBILL_HARVEST_ACCOUNT_ID_SSM": "/timebill/prod/harvest-account-id"},
    "qbtime": {"TIMEBILL_QBTIME_TOKEN_SSM": "/timebill/prod/qbtime-token"},
}  # fmt: skip


def _polled(choice: str) -> set[str]:
    return {s for s in ("harvest", "qbtime") if s in choice}


def test_the_poll_has_one_rule_per_source_disabled_by_default() -> None:
    assert template()["Parameters"]["PollSources"]["Default"] == "none"
    events = resolved("PollFunction", PollTenant="acme")["Events"]
    assert {e["Type"] for e in events.values()} == {"Schedule"}
    inputs = {json.loads(e["Properties"]["Input"])["source"]: e for e in events.values()}
    assert set(inputs) == {"harvest", "qbtime"}
    for source, rule in inputs.items():
        assert json.loads(rule["Properties"]["Input"]) == {"tenant": "acme", "source": source}
        assert rule["Properties"]["State"] == "DISABLED"
        assert rule["Properties"]["Schedule"] == "rate(15 minutes)"


@pytest.mark.parametrize("choice", POLL_SOURCES)
def test_poll_sources_enable_their_rules_and_only_their_secrets(choice: str) -> None:
    events = resolved("PollFunction", PollSources=choice)["Events"].values()
    enabled = {
        json.loads(e["Properties"]["Input"])["source"]
        for e in events
        if e["Properties"]["State"] == "ENABLED"
    }
    assert enabled == _polled(choice)
    variables = env("PollFunction", PollSources=choice)
    wanted = {k: v for source in _polled(choice) for k, v in TRACKER_SECRETS[source].items()}
    tracker = {k: v for k, v in variables.items() if k.endswith(SSM_SUFFIX) and "SUPABASE" not in k}
    assert tracker == wanted
    names = {v for k, v in variables.items() if k.endswith(SSM_SUFFIX)}
    arns = {f"arn:aws:ssm:eu-west-1:123456789012:parameter{n}" for n in names}
    assert set(granted("PollRole", "ssm:GetParameters", PollSources=choice)) == arns
    for other in ("ApiRole", "WorkerRole", "SweepRole"):
        assert not any("harvest" in a or "qbtime" in a for a in granted(other, "ssm:GetParameters"))


def test_the_poll_may_only_send_to_the_queue_and_keeps_its_cursor_in_tmp() -> None:
    actions = {a for s in statements("PollRole") for a in as_list(s["Action"])}
    assert actions == {"logs:CreateLogStream", "logs:PutLogEvents", "sqs:SendMessage",
                       "ssm:GetParameters"}  # fmt: skip
    assert granted("PollRole", "sqs:SendMessage") == ["<JobsQueue.Arn>"]
    assert env("PollFunction")["TIMEBILL_POLL_CURSOR_DIR"].startswith("/tmp/")
    assert env("PollFunction")["TIMEBILL_LLM_PROVIDER"] == "none"
    assert function_properties("PollFunction")["EventInvokeConfig"]["MaximumRetryAttempts"] == 0


def test_the_sweep_names_the_stage_its_metrics_are_for() -> None:
    assert env("SweepFunction", Stage="staging")["TIMEBILL_STAGE"] == "staging"


# ---------------------------------------------------------------- HTTP API


def test_the_api_routes_webhooks_and_health_to_the_api_function() -> None:
    events = function_properties("ApiFunction")["Events"].values()
    routes = {(e["Properties"]["Method"], e["Properties"]["Path"]) for e in events}
    assert routes == {
        ("POST", "/webhooks/{source}/{tenant}"), ("POST", "/webhooks/quickbooks"),
        ("GET", "/healthz"),
    }  # fmt: skip
    assert all(e["Type"] == "HttpApi" for e in events)


@pytest.mark.parametrize("stage", STAGES)
def test_the_named_stage_is_the_base_path_mangum_strips(stage: str) -> None:
    api = Resolver({"Stage": stage}).resolve(template()["Resources"]["HttpApi"]["Properties"])
    assert api["StageName"] == stage
    assert env("ApiFunction", Stage=stage)["TIMEBILL_API_BASE_PATH"] == f"/{stage}"


def test_outputs_give_a_webhook_url_for_every_source() -> None:
    outputs = Resolver({"Stage": "prod"}).resolve(template()["Outputs"])
    urls = [o["Value"] for o in outputs.values()]
    for source in WEBHOOK_SOURCES:
        # QuickBooks: the Intuit app's one URL for every company (routed by realm).
        path = (
            "/prod/webhooks/quickbooks"
            if source == "quickbooks"
            else f"/prod/webhooks/{source}/{{tenant}}"
        )
        assert any(u.endswith(path) for u in urls), source


# ---------------------------------------------------------------- settings and secrets


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("provider", ["anthropic", "bedrock", "none"])
def test_each_function_environment_builds_valid_settings(
    name: str, provider: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    variables = env(name, LlmProvider=provider, SupabaseUrl="https://ref.supabase.co")
    for key in [k for k in os.environ if k.startswith("TIMEBILL_")]:
        monkeypatch.delenv(key)
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    for key, value in variables.items():
        monkeypatch.setenv(key, value)
    asked: list[str] = []

    def fake_read(names: list[str], **_: Any) -> dict[str, SecretStr]:
        asked.extend(names)
        return {n: SecretStr(f"value of {n}") for n in names}

    monkeypatch.setattr(aws_secrets, "read_parameters", fake_read)
    settings = Settings()
    assert settings.store == "supabase"
    assert settings.queue == "sqs"
    assert settings.supabase_jwt_secret is not None
    assert settings.llm_enabled is (name == "WorkerFunction" and provider != "none")
    assert sorted(asked) == sorted(v for k, v in variables.items() if k.endswith(SSM_SUFFIX))


def _secret_setting_names() -> set[str]:
    names = set()
    for name, field in Settings.model_fields.items():
        if "SecretStr" in str(field.annotation):
            names.add(f"TIMEBILL_{name.upper()}")
            if isinstance(field.validation_alias, str):
                names.add(field.validation_alias.upper())
    return names


@pytest.mark.parametrize("name", FUNCTIONS)
def test_no_secret_value_is_in_an_environment(name: str) -> None:
    variables = env(name)
    assert not _secret_setting_names() & set(variables), "a secret passed by value"
    for key, value in variables.items():
        if any(w in key for w in ("KEY", "SECRET", "TOKEN", "PASSWORD")):
            assert key.endswith(SSM_SUFFIX), key
            assert value.startswith("/timebill/prod/"), value


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_variable_names_a_setting(name: str) -> None:
    fields = {f"TIMEBILL_{n.upper()}" for n in Settings.model_fields}
    for key in env(name):
        assert key.removesuffix(SSM_SUFFIX) in fields, key


@pytest.mark.parametrize("name", FUNCTIONS)
def test_each_role_may_read_exactly_the_parameters_its_function_names(name: str) -> None:
    role = template()["Resources"][name]["Properties"]["Role"]["Fn::GetAtt"][0]
    for provider in ("anthropic", "none"):
        names = {v for k, v in env(name, LlmProvider=provider).items() if k.endswith(SSM_SUFFIX)}
        arns = {
            f"arn:aws:ssm:eu-west-1:123456789012:parameter{n}" for n in names
        }  # fmt: skip
        assert set(granted(role, "ssm:GetParameters", LlmProvider=provider)) == arns


def test_the_worker_writes_only_under_tmp_and_reads_rules_from_the_store() -> None:
    """Each tenant's rules come from Supabase (``rules_current``): no function is pointed at a
    rules folder, so none can fall back on the demo firm's rules."""
    variables = env("WorkerFunction")
    assert variables["TIMEBILL_OUTBOX_DIR"].startswith("/tmp/")
    for name in ("ApiFunction", "WorkerFunction", "SweepFunction", "PollFunction"):
        variables = env(name)
        assert variables["TIMEBILL_STORE"] == "supabase"
        assert "TIMEBILL_RULES_DIR" not in variables


# ---------------------------------------------------------------- IAM


def test_no_policy_grants_a_wildcard() -> None:
    for role in resources("AWS::IAM::Role"):
        for statement in statements(role, SecretsKmsKeyArn="arn:aws:kms:eu-west-1:1:key/k"):
            assert statement["Effect"] == "Allow"
            for field in ("Action", "Resource"):
                for value in as_list(statement[field]):
                    assert "*" not in json.dumps(value), (role, value)


def test_functions_use_their_own_roles_not_sam_generated_ones() -> None:
    for name in FUNCTIONS:
        props = template()["Resources"][name]["Properties"]
        assert "Policies" not in props
        assert props["Role"]["Fn::GetAtt"][1] == "Arn"


def test_the_api_may_only_send_to_the_queue_and_read_the_store_secrets() -> None:
    actions = {a for s in statements("ApiRole") for a in as_list(s["Action"])}
    assert actions == {"logs:CreateLogStream", "logs:PutLogEvents", "sqs:SendMessage",
                       "ssm:GetParameters"}  # fmt: skip
    assert granted("ApiRole", "sqs:SendMessage") == ["<JobsQueue.Arn>"]
    assert not any("anthropic" in arn for arn in granted("ApiRole", "ssm:GetParameters"))


def test_the_worker_consumes_but_never_sends() -> None:
    actions = {a for s in statements("WorkerRole") for a in as_list(s["Action"])}
    assert "sqs:SendMessage" not in actions
    assert {"sqs:ReceiveMessage", "sqs:DeleteMessage"} <= actions
    assert set(granted("WorkerRole", "sqs:ReceiveMessage")) == {"<JobsQueue.Arn>"}


def test_a_customer_managed_key_is_granted_only_when_given_and_only_through_ssm() -> None:
    assert not granted("WorkerRole", "kms:Decrypt")
    key = "arn:aws:kms:eu-west-1:123456789012:key/abc"
    [statement] = [
        s for s in statements("WorkerRole", SecretsKmsKeyArn=key) if s["Action"] == "kms:Decrypt"
    ]
    assert statement["Resource"] == key
    assert statement["Condition"]["StringEquals"]["kms:ViaService"] == "ssm.eu-west-1.amazonaws.com"


# ---------------------------------------------------------------- logs and alarms


def test_every_log_group_has_a_retention_and_every_function_logs_to_one() -> None:
    groups = Resolver({"Stage": "prod"}).resolve(resources("AWS::Logs::LogGroup"))
    assert all(g["Properties"]["RetentionInDays"] == "30" for g in groups.values())
    for name in FUNCTIONS:
        group = groups[function_properties(name)["LoggingConfig"]["LogGroup"]["Ref"]]
        assert (
            group["Properties"]["LogGroupName"] == f"/aws/lambda/{resolved(name)['FunctionName']}"
        )
    access = template()["Resources"]["HttpApi"]["Properties"]["AccessLogSettings"]
    assert access["DestinationArn"]["Fn::GetAtt"][0] in groups


def _alarms() -> list[dict[str, Any]]:
    return [a["Properties"] for a in resources("AWS::CloudWatch::Alarm").values()]


def _watches(metric: str, dimension_ref: dict[str, Any] | str) -> bool:
    return any(
        a["MetricName"] == metric and any(d["Value"] == dimension_ref for d in a["Dimensions"])
        for a in _alarms()
    )


def test_alarms_watch_the_dead_letter_queue_errors_throttles_review_and_quickbooks() -> None:
    assert _watches(
        "ApproximateNumberOfMessagesVisible", {"Fn::GetAtt": ["JobsDeadLetterQueue", "QueueName"]}
    )
    for name in FUNCTIONS:
        assert _watches("Errors", {"Ref": name}), name
        assert _watches("Throttles", {"Ref": name}), name
    assert _watches("OldestNeedsReviewAgeSeconds", {"Ref": "Stage"})
    assert _watches("QuickBooksReconnectNeeded", {"Ref": "Stage"})
    assert _watches("DeadLetterEntries", {"Ref": "Stage"})


def test_the_custom_metric_alarms_watch_what_the_sweep_prints() -> None:
    from app.service import metrics  # noqa: PLC0415

    custom = [a for a in _alarms() if a["Namespace"] == metrics.NAMESPACE]
    assert {a["MetricName"] for a in custom} == set(metrics.UNITS)
    for alarm in custom:
        assert [d["Name"] for d in alarm["Dimensions"]] == ["Stage"]


def test_every_alarm_notifies_the_topic() -> None:
    for alarm in _alarms():
        assert alarm["AlarmActions"] == [{"Ref": "AlarmTopic"}], alarm["AlarmName"]


def test_stage_parameters_exist() -> None:
    parameters = template()["Parameters"]
    for name in ("Stage", "MemorySize", "LogRetentionDays", "Architecture"):
        assert name in parameters
    assert parameters["Stage"]["AllowedValues"] == list(STAGES)


# ---------------------------------------------------------------- the writer and the model


def test_the_worker_writes_to_quickbooks_with_the_apps_keys_from_ssm() -> None:
    variables = env("WorkerFunction")
    assert variables["TIMEBILL_WRITER"] == "quickbooks"  # the default
    assert variables["TIMEBILL_QBO_CLIENT_ID_SSM"] == "/timebill/prod/qbo-client-id"
    assert variables["TIMEBILL_QBO_CLIENT_SECRET_SSM"] == "/timebill/prod/qbo-client-secret"
    assert "TIMEBILL_QBO_MAPPING_PATH" not in variables  # the mapping is read from the store
    assert env("ApiFunction")["TIMEBILL_QBO_VERIFIER_TOKEN_SSM"] == (
        "/timebill/prod/qbo-verifier-token"
    )
    assert env("WorkerFunction", QboEnvironment="production")["TIMEBILL_QBO_ENVIRONMENT"] == (
        "production"
    )


def test_the_outbox_writer_reads_no_quickbooks_secret() -> None:
    for name in ("WorkerFunction", "ApiFunction"):
        variables = env(name, Writer="outbox")
        assert not [k for k in variables if k.startswith("TIMEBILL_QBO_") and k.endswith("_SSM")]
    assert not [a for a in granted("WorkerRole", "ssm:GetParameters", Writer="outbox")
                if "qbo" in a]  # fmt: skip
    assert env("WorkerFunction", Writer="outbox")["TIMEBILL_WRITER"] == "outbox"


def test_bedrock_is_an_option_with_invoke_model_on_that_model_only() -> None:
    assert "bedrock" in template()["Parameters"]["LlmProvider"]["AllowedValues"]
    variables = env("WorkerFunction", LlmProvider="bedrock", ModelId="anthropic.claude-haiku")
    assert variables["TIMEBILL_LLM_PROVIDER"] == "bedrock"
    assert variables["TIMEBILL_AWS_REGION"] == "eu-west-1"
    assert "TIMEBILL_ANTHROPIC_API_KEY_SSM" not in variables
    arns = granted("WorkerRole", "bedrock:InvokeModel", LlmProvider="bedrock",
                   ModelId="anthropic.claude-haiku")  # fmt: skip
    assert arns == [
        "arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-haiku",
        "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/anthropic.claude-haiku",
    ]
    assert granted("WorkerRole", "bedrock:InvokeModel") == []  # not with the Anthropic API
