"""The takeoff library (namespace ``Takeoff``; every name is also global).

Software-only singularity models with exact closed forms, working on numbers and
distributions alike (DOMAIN.md has the equations, derivations and sources). Each theme
is one module; importing this one declares them all:

- ``takeoff_rates``: growth rates from multipliers, lambda/beta fitted from history, the
  takeoff ratio alpha kappa lambda/beta, its elasticities, P(foom), the no-explosion
  speed-up.
- ``takeoff_inputs``: Cobb-Douglas and CES research input, the compute bottleneck and
  ways to elicit rho, parallelism-adjusted labour.
- ``takeoff_dynamics``: ``dA/dt = g0 A^(1+s) e^(k t)``: trajectories (+Infinity after the
  blow-up), blow-up times, times to a multiple, doubling times, fitting (s, g0).
- ``takeoff_ces``: the CES takeoff with fixed compute (incomplete-Beta closed forms and
  vectorised quadrature in ln A).
- ``takeoff_ceiling``: effective limits (returns falling to 0 at a ceiling).
- ``takeoff_forethought``: Forethought's discrete doubling loop, vectorised over samples.

Rates are continuous and per year (the Forethought loop counts months). No function
steps an ODE in time: near a blow-up that gives wrong answers (DOMAIN.md 3.7).
"""
from __future__ import annotations

from . import (takeoff_ceiling, takeoff_ces, takeoff_dynamics, takeoff_forethought,  # noqa: F401
               takeoff_inputs, takeoff_rates)

__all__ = ["takeoff_rates", "takeoff_inputs", "takeoff_dynamics", "takeoff_ces",
           "takeoff_ceiling", "takeoff_forethought"]
