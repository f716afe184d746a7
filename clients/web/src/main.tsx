import { render } from "preact";
import { App } from "./App";
import { language, setLanguage } from "./i18n";

setLanguage(language);
render(<App />, document.getElementById("app")!);
