"""The Lausanne Action Plan's progress: each action the data can measure, its figure, trend and rule."""
