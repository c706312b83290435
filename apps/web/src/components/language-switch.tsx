import { useI18n, type Lang } from '../i18n/i18n';

export function LanguageSwitch() {
  const { lang, m, setLang } = useI18n();
  return (
    <label className="language-switch">
      <span>{m.language}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        <option value="fr">{m.languages.fr}</option>
        <option value="en">{m.languages.en}</option>
      </select>
    </label>
  );
}
