"""Create or update the automation that reports a failed, crashed or timed-out `etl` flow run
to a webhook (run by deploy.sh when GEOWIRE_ALERT_WEBHOOK is set):

    GEOWIRE_ALERT_WEBHOOK=https://hooks.example.org/... python infra/local/alerts.py

It saves a Custom Webhook notification block `geowire-alerts` (POST, JSON body with `subject`,
`body` and `source`) and an automation `geowire: etl run failed` whose trigger is any
`prefect.flow-run.Failed|Crashed|TimedOut` event of the flow `etl` and whose action sends the
notification through that block. Running it again replaces both, so the URL can change.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta

from prefect.automations import Automation, EventTrigger, Posture, SendNotification
from prefect.blocks.notifications import CustomWebhookNotificationBlock

BLOCK = "geowire-alerts"
AUTOMATION = "geowire: etl run failed"
STATES = ("Failed", "Crashed", "TimedOut")
SUBJECT = "geowire: etl run {{ flow_run.name }} is {{ flow_run.state.name }}"
BODY = (
    "Flow run {{ flow.name }}/{{ flow_run.name }} entered state {{ flow_run.state.name }} "
    "at {{ flow_run.state.timestamp }}.\n"
    "Deployment: {{ deployment.name }}\n"
    "Parameters: {{ flow_run.parameters }}\n"
    "Message: {{ flow_run.state.message }}\n"
    "Flow run id: {{ flow_run.id }}\n"
    "Open it: {{ flow_run|ui_url }}"
)


def save_block(url: str) -> str:
    block = CustomWebhookNotificationBlock(
        name="geowire", url=url, method="POST",
        json_data={"subject": "{{subject}}", "body": "{{body}}", "source": "geowire"},
    )
    return str(block.save(BLOCK, overwrite=True))


def replace_automation(block_id: str) -> Automation:
    while True:  # every earlier copy
        try:
            Automation.read(name=AUTOMATION).delete()
        except ValueError:  # none (left)
            break
    return Automation(
        name=AUTOMATION,
        description="Tell the operators when an etl run fails, crashes or runs out of time.",
        trigger=EventTrigger(
            expect={f"prefect.flow-run.{state}" for state in STATES},
            match_related={"prefect.resource.role": "flow", "prefect.resource.name": "etl"},
            posture=Posture.Reactive, threshold=1, within=timedelta(0),
        ),
        actions=[SendNotification(block_document_id=block_id, subject=SUBJECT, body=BODY)],
    ).create()


def main() -> int:
    url = os.environ.get("GEOWIRE_ALERT_WEBHOOK", "").strip()
    if not url:
        print("GEOWIRE_ALERT_WEBHOOK is not set: no failure alerts", file=sys.stderr)
        return 0
    automation = replace_automation(save_block(url))
    print(f"automation {automation.name!r} ({automation.id}) posts failed etl runs to the "
          f"webhook block {BLOCK!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
