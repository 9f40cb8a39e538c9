from tests.service.conftest import rig

__all__ = ["rig"]
