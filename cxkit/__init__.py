"""cxkit: the omnichannel service design workbook.

One import is all a notebook or an analyst needs::

    import cxkit as cx
    charter = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    tables = cx.load_tables([cx.sample_dir()])
    scorecard = cx.check(charter, tables)
    cx.summary(scorecard)

The package is layered (each layer imports only from the layers below it; ``make lint`` checks it):

- ``cxkit.ui`` and ``cxkit.cli``: charts, widgets, the report, notebook helpers, the command line
- ``cxkit.measure`` (metric engine, scorecard, views) and ``cxkit.sample`` (synthetic contact centre)
- ``cxkit.charter`` (model, calendar, review) and ``cxkit.data`` (contracts, readers, presets, loading)
- ``cxkit.plan`` (queueing, async work, blending) and the leaves: ``errors``, ``settings``, ``stats``,
  ``i18n``, ``catalog``

Units everywhere: rates are percent (0-100) in columns ending ``_pct`` and in the scorecard's
``actual``; times carry ``_s`` or ``_h``; every scorecard row names its ``unit``.
"""

from cxkit.catalog import FAMILIES, METRICS, Metric, catalog_frame, get_metric
from cxkit.charter.calendar import business_seconds_between
from cxkit.charter.forms import EvaluationForm, form_items, planned_evaluations, set_form
from cxkit.charter.incentives import IncentiveRule
from cxkit.charter.lint import Finding, findings_frame, has_errors, review
from cxkit.charter.model import (
    Calendar,
    Channel,
    Charter,
    Target,
    dumps_charter,
    load_charter,
    loads_charter,
    save_charter,
    validate_document,
)
from cxkit.charter.views import goals_frame, targets_frame
from cxkit.data.contracts import CONTRACTS, contract_frame
from cxkit.data.loader import LoadResult, load
from cxkit.data.presets import PRESETS, presets_frame, suggest_preset
from cxkit.data.privacy import pseudonymise
from cxkit.data.profile import daily_volume, data_quality, row_accounting, volume_by_day_hour
from cxkit.data.store import Store, open_store, write_store
from cxkit.data.tables import as_tables, load_tables
from cxkit.errors import (
    REASONS,
    CharterError,
    CxkitError,
    CxkitWarning,
    MissingColumnError,
    MissingDataError,
    Reason,
    UnknownMetricError,
    UnreadableFileError,
)
from cxkit.i18n import format_value, t
from cxkit.measure.agents import (
    SIGNALS,
    agent_signals,
    agent_table,
    funnel_curve,
    funnel_limits,
    gaming_flags,
    signal_availability,
)
from cxkit.measure.backends import DuckDBEngine, SparkEngine, check_on, fallback_metrics
from cxkit.measure.calibration import (
    calibration_report,
    evaluator_bias,
    krippendorff_alpha,
    question_agreement,
)
from cxkit.measure.conversations import conversation_table, reply_waits
from cxkit.measure.drivers import driver_frame, drivers
from cxkit.measure.history import (
    async_backlog_forecast,
    best_method,
    calendar_days,
    channel_backtest,
    channel_forecast,
    interval_history,
)
from cxkit.measure.incentives import incentive_what_if
from cxkit.measure.journeys import (
    failure_demand_cost,
    journey_frame,
    journey_table,
    linked_journeys,
)
from cxkit.measure.metrics import compare_variants, metric, service_level
from cxkit.measure.paths import (
    channel_mix,
    channel_paths,
    containment,
    journey_episodes,
    path_transitions,
)
from cxkit.measure.qa import (
    coaching_view,
    evaluation_context,
    evaluation_coverage,
    evaluation_scores,
    fit_answers,
    qa_summary,
    question_pass_rates,
    sampling_plan,
    section_scores,
)
from cxkit.measure.qa_cx import qa_cx_association, qa_cx_disagreements, qa_cx_pairs
from cxkit.measure.scorecard import (
    SCORECARD_COLUMNS,
    check,
    check_target,
    restatus,
    status_of,
    summary,
)
from cxkit.measure.surveys import score_differences, survey_scores
from cxkit.measure.target_cx import target_vs_cx
from cxkit.measure.views import (
    async_daily,
    backlog_profile,
    bullet_frame,
    drilldown,
    sl_profile,
    weekly_rollup,
)
from cxkit.plan.async_work import async_backlog, async_backlog_by_day, async_required_agents
from cxkit.plan.blending import BlendedTeam, SimulationResult
from cxkit.plan.forecast import (
    FORECAST_METHODS,
    ForecastError,
    SeasonGrid,
    accuracy_table,
    backtest,
    forecast_arrivals,
    forecast_handle_time,
    recommend_method,
    season_grid,
)
from cxkit.plan.forecast_plan import blend_intervals, plan_cost, plan_on_forecast
from cxkit.plan.profiles import arrival_profile
from cxkit.plan.staffing import (
    cost_curve,
    erlang_a,
    erlang_c,
    estimate_patience_s,
    required_agents,
    scheduled_agents,
    staffing_table,
    target_costs,
)
from cxkit.sample.calibration import calibration_sessions
from cxkit.sample.exports import tweet_export
from cxkit.sample.generate import generate as generate_sample
from cxkit.sample.generate import write_sample
from cxkit.sample.self_service import add_ivr_calls
from cxkit.sample.teaching import (
    broken_export,
    speed_contest_board,
    speed_contest_chart,
    speed_contest_contacts,
)
from cxkit.settings import (
    example_charter,
    example_charters,
    examples_dir,
    language,
    sample_dir,
    workspace,
)
from cxkit.stats import nps_interval, t_interval, wilson
from cxkit.ui.agent_charts import (
    agent_grid_chart,
    channel_mix_chart,
    failure_demand_chart,
    flow_chart,
    funnel_chart,
    incentive_chart,
    path_chart,
)
from cxkit.ui.agent_tables import agent_summary
from cxkit.ui.app import workshop_steps
from cxkit.ui.charter_widgets import CatalogBrowser, ChannelEditor, TargetBuilder, YamlEditor
from cxkit.ui.charts import save_png
from cxkit.ui.check_widgets import CheckExplorer
from cxkit.ui.cx_charts import driver_forest_chart, response_chart, score_chart
from cxkit.ui.data_charts import daily_volume_chart, volume_heatmap
from cxkit.ui.forecast_charts import (
    accuracy_chart,
    forecast_agents_chart,
    forecast_chart,
    recommendation,
)
from cxkit.ui.forecast_widgets import ForecastPlanner
from cxkit.ui.onepager import decisions_html, write_decisions
from cxkit.ui.quality_charts import (
    agreement_chart,
    coaching_chart,
    coverage_chart,
    evaluator_bias_chart,
    qa_scores_chart,
)
from cxkit.ui.quality_widgets import FormEditor
from cxkit.ui.report import scorecard_json, write_excel, write_html, write_json
from cxkit.ui.reveal import reveal
from cxkit.ui.scorecard_charts import (
    async_daily_chart,
    bullet_chart,
    drilldown_chart,
    sl_profile_chart,
    status_heatmap,
    trend_chart,
)
from cxkit.ui.session import CharterSession, scratch_session, workshop_session
from cxkit.ui.staffing_charts import agents_chart, blended_day_chart, cost_curve_chart
from cxkit.ui.staffing_widgets import BlendingWhatIf, StaffingWhatIf
from cxkit.ui.tables import (
    backlog_comparison,
    calls_by_weekday,
    display_frame,
    load_summary_frame,
    scorecard_view,
    show_table,
    summary_view,
    variants_frame,
)
from cxkit.ui.workbook import environment_report, setup_charts, working_copy

__version__ = "0.1.0"
__all__ = [
    # --- workshop delivery (issue 15) ---
    "CharterSession",
    "backlog_comparison",
    "calls_by_weekday",
    "display_frame",
    "load_summary_frame",
    "save_png",
    "scorecard_view",
    "scratch_session",
    "show_table",
    "summary_view",
    "t",
    "variants_frame",
    "workshop_session",
    "workshop_steps",
    "decisions_html",
    "write_decisions",
    "reveal",
    # --- forecasting (issue 17) ---
    "FORECAST_METHODS",
    "ForecastError",
    "SeasonGrid",
    "accuracy_table",
    "async_backlog_forecast",
    "backtest",
    "best_method",
    "blend_intervals",
    "calendar_days",
    "channel_backtest",
    "channel_forecast",
    "forecast_arrivals",
    "forecast_handle_time",
    "interval_history",
    "plan_cost",
    "plan_on_forecast",
    "recommend_method",
    "season_grid",
    "accuracy_chart",
    "forecast_agents_chart",
    "forecast_chart",
    "ForecastPlanner",
    "recommendation",
    # ---
    "CONTRACTS",
    "FAMILIES",
    "METRICS",
    "PRESETS",
    "REASONS",
    "SCORECARD_COLUMNS",
    "SIGNALS",
    "BlendedTeam",
    "BlendingWhatIf",
    "Calendar",
    "CatalogBrowser",
    "Channel",
    "ChannelEditor",
    "Charter",
    "CharterError",
    "CheckExplorer",
    "CxkitError",
    "CxkitWarning",
    "Finding",
    "IncentiveRule",
    "LoadResult",
    "Metric",
    "MissingColumnError",
    "MissingDataError",
    "Reason",
    "SimulationResult",
    "StaffingWhatIf",
    "Target",
    "TargetBuilder",
    "UnknownMetricError",
    "UnreadableFileError",
    "YamlEditor",
    "add_ivr_calls",
    "agent_grid_chart",
    "agent_signals",
    "agent_summary",
    "agent_table",
    "agents_chart",
    "arrival_profile",
    "as_tables",
    "async_backlog",
    "async_backlog_by_day",
    "async_daily",
    "async_daily_chart",
    "async_required_agents",
    "backlog_profile",
    "blended_day_chart",
    "broken_export",
    "bullet_chart",
    "bullet_frame",
    "business_seconds_between",
    "catalog_frame",
    "channel_mix",
    "channel_mix_chart",
    "channel_paths",
    "check",
    "check_target",
    "compare_variants",
    "containment",
    "contract_frame",
    "conversation_table",
    "cost_curve",
    "cost_curve_chart",
    "daily_volume",
    "daily_volume_chart",
    "data_quality",
    "drilldown",
    "driver_frame",
    "driver_forest_chart",
    "drivers",
    "drilldown_chart",
    "dumps_charter",
    "environment_report",
    "erlang_a",
    "erlang_c",
    "estimate_patience_s",
    "evaluation_scores",
    "format_value",
    "example_charter",
    "example_charters",
    "examples_dir",
    "failure_demand_chart",
    "failure_demand_cost",
    "findings_frame",
    "flow_chart",
    "funnel_chart",
    "funnel_curve",
    "funnel_limits",
    "gaming_flags",
    "generate_sample",
    "get_metric",
    "goals_frame",
    "has_errors",
    "incentive_chart",
    "incentive_what_if",
    "journey_episodes",
    "journey_frame",
    "journey_table",
    "language",
    "linked_journeys",
    "load",
    "load_charter",
    "load_tables",
    "loads_charter",
    "metric",
    "nps_interval",
    "path_chart",
    "path_transitions",
    "presets_frame",
    "pseudonymise",
    "qa_cx_association",
    "qa_cx_disagreements",
    "qa_cx_pairs",
    "required_agents",
    "restatus",
    "reply_waits",
    "response_chart",
    "review",
    "row_accounting",
    "sample_dir",
    "save_charter",
    "scheduled_agents",
    "score_chart",
    "score_differences",
    "scorecard_json",
    "service_level",
    "setup_charts",
    "signal_availability",
    "sl_profile",
    "sl_profile_chart",
    "speed_contest_board",
    "speed_contest_chart",
    "speed_contest_contacts",
    "staffing_table",
    "status_heatmap",
    "status_of",
    "suggest_preset",
    "summary",
    "survey_scores",
    "t_interval",
    "target_costs",
    "target_vs_cx",
    "targets_frame",
    "trend_chart",
    "tweet_export",
    "validate_document",
    "volume_by_day_hour",
    "volume_heatmap",
    "weekly_rollup",
    "wilson",
    "working_copy",
    "workspace",
    "write_excel",
    "write_html",
    "write_json",
    "write_sample",
    # --- quality monitoring ---
    "EvaluationForm",
    "form_items",
    "set_form",
    "planned_evaluations",
    "calibration_report",
    "evaluator_bias",
    "krippendorff_alpha",
    "question_agreement",
    "coaching_view",
    "evaluation_context",
    "evaluation_coverage",
    "fit_answers",
    "qa_summary",
    "question_pass_rates",
    "sampling_plan",
    "section_scores",
    "calibration_sessions",
    "FormEditor",
    "agreement_chart",
    "coaching_chart",
    "coverage_chart",
    "evaluator_bias_chart",
    "qa_scores_chart",
    # --- engines and the Parquet store (issue 16) ---
    "DuckDBEngine",
    "SparkEngine",
    "Store",
    "check_on",
    "fallback_metrics",
    "open_store",
    "write_store",
]
