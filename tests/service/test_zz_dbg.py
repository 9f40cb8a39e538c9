from tests.service.test_worker import *  # noqa
def test_dbg(rig):
    item_id = deliver(rig)
    rig.run_queue()
    item = rig.store.get("demo", item_id)
    print("ENTRY", item.entry)
    print("DECISION", item.decision)
