"""How the lessons build each explorer, as code for a fresh kernel that leaves it in ``explorer``.

One copy for the tools and the tests that drive explorers outside their lessons:
``tools/bench.py`` (for an explorer no lesson calls yet), ``tools/bench_browser.py`` and
``tests/browser/test_explorers_live.py``, so that they time and test the same explorers.
The data and settings are those of lessons 00, 06 and 09.
"""

RECIPES = {
    "prevalence_explorer": (
        "from imbalance_lab.widgets import prevalence_explorer\n"
        "explorer = prevalence_explorer()"),
    "sampler_explorer": (
        "from sklearn.datasets import make_classification\n"
        "from imbalance_lab.widgets import sampler_explorer\n"
        "X_2d, y_2d = make_classification(n_samples=300, n_features=2, n_informative=2, n_redundant=0,\n"
        "    n_clusters_per_class=1, weights=[0.9, 0.1], class_sep=0.8, random_state=42)\n"
        "explorer = sampler_explorer(X_2d, y_2d, labels={0: 'majority', 1: 'minority'},\n"
        "    feature_names=['feature 1 (arbitrary units)', 'feature 2 (arbitrary units)'], random_state=42)"),
    "threshold_explorer": (
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import StandardScaler\n"
        "from imbalance_lab.datasets import load_clinical_data\n"
        "from imbalance_lab.widgets import threshold_explorer\n"
        "df = load_clinical_data()\n"
        "X, y = df.drop(columns='diagnosis'), df['diagnosis']\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=42)\n"
        "model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_tr, y_tr)\n"
        "explorer = threshold_explorer(y_te, model.predict_proba(X_te)[:, 1], threshold=0.3, cost_ratio=10)"),
}
