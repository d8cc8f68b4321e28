"""The site's charts as plotly figures, each rendered to a `<div>` and the script that draws it.

plotly.js is not in these fragments: the site writes one copy of it beside the pages
(`PLOTLY_JS`), so the pages work offline without a copy of 4.8 MB in each of them. Charts show
cluster ids, numbers and the warehouse's own categories (layer, surface, model version,
segment), never request text; categories are HTML-escaped anyway, since plotly reads tags such
as `<a href>` in its labels.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs_version
from plotly.subplots import make_subplots

from pipeline.site.data import CALIBRATION_GRAINS, Intent

PLOTLY_JS = f"plotly-{get_plotlyjs_version()}.min.js"
# no link to plotly's site in the mode bar
PLOT_CONFIG = {"displaylogo": False, "responsive": True}
ROUTE_COLOURS = {
    "product_backlog": "#1f77b4",
    "policy_review": "#9467bd",
    "classifier_tuning": "#ff7f0e",
    "trust_and_safety": "#d62728",
    "needs_review": "#8c564b",
    "monitor": "#7f7f7f",
    "split": "#17becf",
}
FALSE_COLOUR, TRUE_COLOUR = "#ff7f0e", "#1f77b4"


def _layout(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    fig.update_layout(
        title=title,
        height=height,
        template="plotly_white",
        margin={"l": 60, "r": 20, "t": 60, "b": 60},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def to_fragment(fig: go.Figure, div_id: str) -> str:
    return pio.to_html(
        fig, full_html=False, include_plotlyjs=False, div_id=div_id, config=PLOT_CONFIG
    )


def _safe(value: object) -> str:
    return html.escape(str(value))


def _error(values: pd.Series, low: pd.Series, high: pd.Series) -> dict[str, object]:
    return {
        "type": "data",
        "symmetric": False,
        "array": (high - values).tolist(),
        "arrayminus": (values - low).tolist(),
        "color": "#444",
    }


def gate_scatter(intents: list[Intent], min_volume: int, min_reprompt_rate: float) -> go.Figure:
    """Volume against re-prompt rate, one point per intent, with the triage gate's two lines."""
    fig = go.Figure()
    destinations = sorted({i.destination for i in intents})
    for destination in destinations:
        own = [i for i in intents if i.destination == destination]
        fig.add_trace(
            go.Scatter(
                x=[i.volume for i in own],
                y=[i.reprompt_rate for i in own],
                mode="markers",
                name=destination,
                marker={"size": 11, "color": ROUTE_COLOURS.get(destination, "#bcbd22")},
                customdata=[
                    [i.cluster_id, " + ".join(r.destination for r in i.routes), i.distinct_users]
                    for i in own
                ],
                hovertemplate="%{customdata[0]}: %{customdata[1]}<br>volume %{x}, "
                "users %{customdata[2]}<br>re-prompt rate %{y:.0%}<extra></extra>",
            )
        )
    fig.add_vline(
        x=min_volume,
        line_dash="dash",
        line_color="#444",
        annotation_text=f"routing.min_volume = {min_volume}",
    )
    fig.add_hline(
        y=min_reprompt_rate,
        line_dash="dash",
        line_color="#444",
        annotation_text=f"routing.min_reprompt_rate = {min_reprompt_rate:.0%}",
    )
    fig.update_xaxes(title="refusals in the window", rangemode="tozero")
    fig.update_yaxes(title="re-prompt rate", tickformat=".0%", rangemode="tozero")
    return _layout(fig, "Triage gate: volume × re-prompt rate, coloured by route")


def daily_volume(intents: list[Intent], title: str) -> go.Figure:
    """Each intent's refusals per day over the window; the trace name carries its status."""
    fig = go.Figure()
    for intent in intents:
        fig.add_trace(
            go.Scatter(
                x=[day.isoformat() for day, _ in intent.daily_volume],
                y=[volume for _, volume in intent.daily_volume],
                mode="lines+markers",
                name=f"{intent.cluster_id} ({intent.status})",
            )
        )
    fig.update_xaxes(title="event day", type="category")
    fig.update_yaxes(title="refusals", rangemode="tozero")
    return _layout(fig, title, height=380 if len(intents) == 1 else 460)


def calibration(frame: pd.DataFrame) -> go.Figure:
    """False- and true-refusal rates side by side per layer, surface and model version."""
    fig = make_subplots(
        rows=1, cols=len(CALIBRATION_GRAINS), subplot_titles=CALIBRATION_GRAINS, shared_yaxes=True
    )
    for col, grain in enumerate(CALIBRATION_GRAINS, start=1):
        rows = frame[frame["grain"] == grain].fillna({"group_value": "unknown"})
        groups = [_safe(v) for v in rows["group_value"]]
        for rate, colour, name in (
            ("false_refusal_rate", FALSE_COLOUR, "false-refusal rate"),
            ("true_refusal_rate", TRUE_COLOUR, "true-refusal rate"),
        ):
            values = rows[rate].astype(float)
            fig.add_trace(
                go.Bar(
                    x=groups,
                    y=values.tolist(),
                    name=name,
                    legendgroup=name,
                    showlegend=col == 1,
                    marker_color=colour,
                    error_y=_error(
                        values,
                        rows[f"{rate}_low"].astype(float),
                        rows[f"{rate}_high"].astype(float),
                    ),
                    customdata=rows[["refusals", "reviewed_events"]].to_numpy().tolist(),
                    hovertemplate="%{x}: %{y:.0%}<br>%{customdata[1]} reviewed of "
                    "%{customdata[0]} refusals<extra>" + name + "</extra>",
                ),
                row=1,
                col=col,
            )
    fig.update_layout(barmode="group")
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    fig.update_yaxes(title="share of reviewed refusals (95 % CI)", row=1, col=1)
    return _layout(fig, "Calibration: false and true refusals by layer, surface, model version")


def disparity(frame: pd.DataFrame) -> go.Figure:
    """Each segment's benign-refusal rate ratio to the reference segment, with its interval;
    without traffic denominators, each segment's share of refusals."""
    segments = [
        _safe(s) + (" (reference)" if ref else "")
        for s, ref in zip(
            frame["user_segment"].fillna("unknown"), frame["is_reference_segment"], strict=True
        )
    ]
    colours = ["#2ca02c" if ref else "#1f77b4" for ref in frame["is_reference_segment"]]
    fig = go.Figure()
    ratios = frame["benign_refusal_rate_ratio"].astype(float)
    if ratios.notna().any():
        fig.add_trace(
            go.Scatter(
                x=segments,
                y=ratios.tolist(),
                mode="markers",
                name="benign-refusal rate ratio",
                marker={
                    "size": 12,
                    "color": colours,
                    "symbol": ["star" if r else "circle" for r in frame["is_reference_segment"]],
                },
                error_y=_error(
                    ratios,
                    frame["benign_refusal_rate_ratio_low"].astype(float),
                    frame["benign_refusal_rate_ratio_high"].astype(float),
                ),
                hovertemplate="%{x}: %{y:.2f}× the reference<extra></extra>",
            )
        )
        fig.add_hline(y=1, line_dash="dash", line_color="#444", annotation_text="reference = 1")
        fig.update_yaxes(title="benign-refusal rate ratio (95 % CI)", type="log")
        title = "Segment disparity: benign-refusal rate against the reference segment"
    else:
        fig.add_trace(
            go.Bar(
                x=segments,
                y=frame["refusal_share"].astype(float).tolist(),
                marker_color=colours,
                name="share of refusals",
                hovertemplate="%{x}: %{y:.0%} of refusals<extra></extra>",
            )
        )
        fig.update_yaxes(title="share of refusals", tickformat=".0%")
        title = "Segments: shares of refusals (no traffic denominators, so no rates)"
    fig.update_xaxes(title="user segment", type="category")
    return _layout(fig, title)
