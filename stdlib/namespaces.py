"""One sentence on each namespace of the standard library, for ``sq docs``, ``:help`` and
docs/reference/ (a test checks that every namespace has one)."""

NAMESPACES = {
    "Global": "The operators, `to`, and every name a model uses without a namespace "
              "(`normal`, `mean`, `sum`, ...).",
    "Calculator": "Calculators: a function with a form of inputs for its parameters, "
                  "which a viewer runs on what is typed (Squiggle's playground).",
    "Input": "The fields of a Calculator's form: text, text area, checkbox and select.",
    "Plot": "Plots as values: of distributions, of functions of a number, scatter plots; "
            "with their scales and titles, for a viewer to draw.",
    "Scale": "The axis scales of plots: linear, log, symlog, power and date, with a "
             "range, tick format and title.",
    "Spec": "Specifications: a name, documentation and a validating function, put on a "
            "value with `@spec`.",
    "Table": "Tables of a list: one row per item, one column per function of the item, "
             "the cells computed when made.",
    "Boolean": "The logical operators `&&`, `||` and `!` as functions.",
    "Common": "Functions on any value: `typeOf`, `inspect`, `throw`, `try` and equality.",
    "Danger": "Squiggle's less polished extras: combinatorics (`factorial`, `choose`, "
              "`combinations`), numerical integration of a function, a greedy budget "
              "allocation, the current date and a JSON view of values.",
    "Date": "Dates: made from a year or a string, moved by durations, subtracted into "
            "durations, compared, and date ranges for parameters.",
    "Dict": "Records (Squiggle's dictionaries): building, reading, updating and mapping "
            "over their keys and values.",
    "Dist": "Distributions: constructors (`normal`, `to`, `mx`, ...), queries (`mean`, "
            "`quantile`, `prob`, ...), truncation, correlation and sensitivity.",
    "Duration": "Lengths of time (`5minutes`, `2years`): made from and turned into "
                "minutes, hours, days and years, added, scaled and compared.",
    "List": "Lists: building, querying and rearranging them, and `map`, `filter` and "
            "`reduce` with a function.",
    "Math": "Element-wise mathematics on numbers and distributions (`exp`, `log`, `sqrt`, "
            "rounding, trigonometry) and constants such as `Math.pi`.",
    "MixedSet": "Sets of numbers made of points and segments (`PointSet.support`'s "
                "form): union, intersection, difference, comparisons, min and max.",
    "Number": "The operators as functions, and statistics of lists of numbers (`sum`, "
              "`mean`, `quantile`, `cumsum`, ...).",
    "PointSet": "Point-set distributions (a density at points and point masses): made "
                "from points, a number or another distribution, downsampled, mapped and "
                "their support.",
    "RelativeValues": "Summaries of relative-values functions (the ratio of two items' "
                      "values) and their grid plot.",
    "SampleSet": "Distributions as explicit samples: from a list or a function, back to "
                 "a list, and functions mapped over the samples.",
    "String": "Text: making strings from values, concatenating and splitting them.",
    "Tag": "Tags on values, as the decorators `@name`, `@doc`, `@format`, `@hide`, "
           "`@notebook` ... set them: setting, reading, omitting and clearing them.",
    "Sym": "Symbolic distributions: exact formulas whose statistics are exact, kept "
           "exact through the sums, products and scalings Squiggle keeps symbolic.",
    "System": "Facts about the run: its sample count, its seed and the sqdsl version.",
    "Takeoff": "The AI software-takeoff models: growth rates, takeoff ratios, "
               "trajectories, CES compute bottlenecks, ceilings and the Forethought "
               "simulation.",
}
