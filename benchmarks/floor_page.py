"""The floor for page times: a bare Streamlit page that shows one plotly chart of a small frame."""
import pandas as pd
import plotly.express as px
import streamlit as st

frame = pd.DataFrame({"year": list(range(2008, 2027)), "states": list(range(19))})
st.plotly_chart(px.line(frame, x="year", y="states"))
