// placeholder until the window exists
