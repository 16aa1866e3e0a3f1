// Remembers the light/dark choice for the next page load (App.razor reads the cookie while it renders on the server).
window.prometheusTheme = {
  remember(theme) {
    document.cookie = `prometheus-theme=${theme === 'light' ? 'light' : 'dark'}; path=/; max-age=31536000; samesite=lax`;
  },
};
