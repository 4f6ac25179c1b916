"""Point plain `prefect …` commands (and `geowire`) at the local stack, and back.

    prefect_profile.py use NAME API_URL STATE   make NAME the active profile: this API and the
                                                $PREFECT_API_AUTH_STRING; remember the one before
    prefect_profile.py restore STATE            make the profile active before `use` active again

Profiles live in Prefect's profiles file ($PREFECT_PROFILES_PATH, default ~/.prefect/profiles.toml),
kept readable by its owner only since it holds the auth string.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, PREFECT_PROFILES_PATH
from prefect.settings.profiles import load_profiles, save_profiles


def use(name: str, api_url: str, state: Path) -> None:
    profiles = load_profiles(include_defaults=True)
    previous = state / "previous-profile"
    if profiles.active_name and profiles.active_name != name and not previous.exists():
        previous.write_text(profiles.active_name + "\n")
    profiles.update_profile(name, {PREFECT_API_URL: api_url,
                                   PREFECT_API_AUTH_STRING: os.environ["PREFECT_API_AUTH_STRING"]})
    profiles.set_active(name)
    _save(profiles)
    print(f"Prefect profile {name!r} is active: {api_url}", file=sys.stderr)


def restore(state: Path) -> None:
    previous = state / "previous-profile"
    if not previous.exists():
        return
    name = previous.read_text().strip()
    profiles = load_profiles(include_defaults=True)
    if name in profiles.names:
        profiles.set_active(name)
        _save(profiles)
        print(f"Prefect profile {name!r} is active again", file=sys.stderr)
    previous.unlink()


def _save(profiles) -> None:
    path = Path(PREFECT_PROFILES_PATH.value())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    save_profiles(profiles)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "use":
        use(args[0], args[1], Path(args[2]))
    elif command == "restore":
        restore(Path(args[0]))
    else:
        sys.exit(f"usage: {sys.argv[0]} use NAME API_URL STATE | restore STATE")
