// PWA entry: registers the root element. Everything else hangs off <vb-app>.
import './app.js';
