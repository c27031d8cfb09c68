// The built-in UI strings. Every language lists all of Keys, in order;
// texts_test.go checks that none is missing or drops a placeholder.

package texts

// builtins holds the built-in UI strings, English first, then the official
// EU languages, then the others: one string per language, its lines in
// Keys order.
var builtins = [...]builtinTexts{
	{"en",
		"Cookies on this website\n" +
			"We use necessary cookies to make this website work. With your consent, we also use optional cookies, for example for statistics. You can change your choice at any time.\n" +
			"Accept all\n" +
			"Reject all\n" +
			"Customize\n" +
			"Save choices\n" +
			"Close\n" +
			"Cookie policy\n" +
			"Cookie settings\n" +
			"Choose which cookies you allow. Necessary cookies are always on because the website cannot work without them.\n" +
			"Always on\n" +
			"Show services\n" +
			"Hide services\n" +
			"Service\n" +
			"Provider\n" +
			"Function and location\n" +
			"Cookie names\n" +
			"Purposes\n" +
			"Duration\n" +
			"Your choice\n" +
			"Allowed\n" +
			"Refused\n" +
			"This content from {provider} is blocked until you allow {service}.\n" +
			"Allow {service} and load\n" +
			"Your browser did not save your choice. It applies to this page only.\n" +
			"On\n" +
			"Off\n" +
			"Cookie settings\n" +
			"No choice yet\n" +
			"Partly on\n" +
			"None\n" +
			"Not stated"},
	{"bg",
		"Бисквитки на този уебсайт\n" +
			"Използваме необходими бисквитки, за да работи този уебсайт. С вашето съгласие използваме и незадължителни бисквитки, например за статистика. Можете да промените избора си по всяко време.\n" +
			"Приемане на всички\n" +
			"Отказ на всички\n" +
			"Персонализиране\n" +
			"Запазване на избора\n" +
			"Затваряне\n" +
			"Политика за бисквитките\n" +
			"Настройки за бисквитките\n" +
			"Изберете кои бисквитки разрешавате. Необходимите бисквитки са винаги включени, защото уебсайтът не работи без тях.\n" +
			"Винаги включени\n" +
			"Показване на услугите\n" +
			"Скриване на услугите\n" +
			"Услуга\n" +
			"Доставчик\n" +
			"Функция и местоположение\n" +
			"Имена на бисквитките\n" +
			"Цели\n" +
			"Срок на съхранение\n" +
			"Вашият избор\n" +
			"Разрешено\n" +
			"Отказано\n" +
			"Това съдържание от {provider} е блокирано, докато не разрешите {service}.\n" +
			"Разрешаване на {service} и зареждане\n" +
			"Браузърът ви не запази избора ви. Той важи само за тази страница.\n" +
			"Включено\n" +
			"Изключено\n" +
			"Настройки за бисквитките\n" +
			"Все още няма избор\n" +
			"Частично включено\n" +
			"Няма\n" +
			"Не е посочен"},
	{"cs",
		"Soubory cookie na tomto webu\n" +
			"Používáme nezbytné soubory cookie, aby tento web fungoval. S vaším souhlasem používáme také volitelné soubory cookie, například pro statistiku. Svou volbu můžete kdykoli změnit.\n" +
			"Přijmout vše\n" +
			"Odmítnout vše\n" +
			"Upravit\n" +
			"Uložit volbu\n" +
			"Zavřít\n" +
			"Zásady používání souborů cookie\n" +
			"Nastavení souborů cookie\n" +
			"Vyberte, které soubory cookie povolíte. Nezbytné soubory cookie jsou vždy zapnuté, protože bez nich web nefunguje.\n" +
			"Vždy zapnuto\n" +
			"Zobrazit služby\n" +
			"Skrýt služby\n" +
			"Služba\n" +
			"Poskytovatel\n" +
			"Funkce a umístění\n" +
			"Názvy souborů cookie\n" +
			"Účely\n" +
			"Doba uložení\n" +
			"Vaše volba\n" +
			"Povoleno\n" +
			"Odmítnuto\n" +
			"Tento obsah od {provider} je blokován, dokud nepovolíte {service}.\n" +
			"Povolit {service} a načíst\n" +
			"Váš prohlížeč vaši volbu neuložil. Platí jen pro tuto stránku.\n" +
			"Zapnuto\n" +
			"Vypnuto\n" +
			"Nastavení souborů cookie\n" +
			"Zatím bez volby\n" +
			"Částečně zapnuto\n" +
			"Žádné\n" +
			"Neuvedeno"},
	{"da",
		"Cookies på dette websted\n" +
			"Vi bruger nødvendige cookies for at få webstedet til at fungere. Med dit samtykke bruger vi også valgfrie cookies, for eksempel til statistik. Du kan altid ændre dit valg.\n" +
			"Accepter alle\n" +
			"Afvis alle\n" +
			"Tilpas\n" +
			"Gem valg\n" +
			"Luk\n" +
			"Cookiepolitik\n" +
			"Cookieindstillinger\n" +
			"Vælg, hvilke cookies du tillader. Nødvendige cookies er altid slået til, fordi webstedet ikke kan fungere uden dem.\n" +
			"Altid slået til\n" +
			"Vis tjenester\n" +
			"Skjul tjenester\n" +
			"Tjeneste\n" +
			"Udbyder\n" +
			"Funktion og placering\n" +
			"Cookienavne\n" +
			"Formål\n" +
			"Varighed\n" +
			"Dit valg\n" +
			"Tilladt\n" +
			"Afvist\n" +
			"Dette indhold fra {provider} er blokeret, indtil du tillader {service}.\n" +
			"Tillad {service} og indlæs\n" +
			"Din browser gemte ikke dit valg. Det gælder kun for denne side.\n" +
			"Til\n" +
			"Fra\n" +
			"Cookieindstillinger\n" +
			"Intet valg endnu\n" +
			"Delvist til\n" +
			"Ingen\n" +
			"Ikke oplyst"},
	{"de",
		"Cookies auf dieser Website\n" +
			"Wir verwenden notwendige Cookies, damit diese Website funktioniert. Mit Ihrer Einwilligung verwenden wir auch optionale Cookies, zum Beispiel für Statistiken. Sie können Ihre Wahl jederzeit ändern.\n" +
			"Alle akzeptieren\n" +
			"Alle ablehnen\n" +
			"Anpassen\n" +
			"Auswahl speichern\n" +
			"Schließen\n" +
			"Cookie-Richtlinie\n" +
			"Cookie-Einstellungen\n" +
			"Wählen Sie, welche Cookies Sie erlauben. Notwendige Cookies sind immer aktiv, weil die Website ohne sie nicht funktioniert.\n" +
			"Immer aktiv\n" +
			"Dienste anzeigen\n" +
			"Dienste ausblenden\n" +
			"Dienst\n" +
			"Anbieter\n" +
			"Funktion und Ort\n" +
			"Cookie-Namen\n" +
			"Zwecke\n" +
			"Speicherdauer\n" +
			"Ihre Wahl\n" +
			"Erlaubt\n" +
			"Abgelehnt\n" +
			"Dieser Inhalt von {provider} ist blockiert, bis Sie {service} erlauben.\n" +
			"{service} erlauben und laden\n" +
			"Ihr Browser hat Ihre Wahl nicht gespeichert. Sie gilt nur für diese Seite.\n" +
			"An\n" +
			"Aus\n" +
			"Cookie-Einstellungen\n" +
			"Noch keine Wahl\n" +
			"Teilweise an\n" +
			"Keine\n" +
			"Nicht angegeben"},
	{"el",
		"Cookies σε αυτόν τον ιστότοπο\n" +
			"Χρησιμοποιούμε απαραίτητα cookies για τη λειτουργία αυτού του ιστότοπου. Με τη συγκατάθεσή σας χρησιμοποιούμε και προαιρετικά cookies, για παράδειγμα για στατιστικά. Μπορείτε να αλλάξετε την επιλογή σας ανά πάσα στιγμή.\n" +
			"Αποδοχή όλων\n" +
			"Απόρριψη όλων\n" +
			"Προσαρμογή\n" +
			"Αποθήκευση επιλογών\n" +
			"Κλείσιμο\n" +
			"Πολιτική cookies\n" +
			"Ρυθμίσεις cookies\n" +
			"Επιλέξτε ποια cookies επιτρέπετε. Τα απαραίτητα cookies είναι πάντα ενεργά, επειδή ο ιστότοπος δεν λειτουργεί χωρίς αυτά.\n" +
			"Πάντα ενεργά\n" +
			"Εμφάνιση υπηρεσιών\n" +
			"Απόκρυψη υπηρεσιών\n" +
			"Υπηρεσία\n" +
			"Πάροχος\n" +
			"Λειτουργία και τοποθεσία\n" +
			"Ονόματα cookies\n" +
			"Σκοποί\n" +
			"Διάρκεια\n" +
			"Η επιλογή σας\n" +
			"Επιτρέπεται\n" +
			"Απορρίφθηκε\n" +
			"Αυτό το περιεχόμενο από {provider} είναι αποκλεισμένο μέχρι να επιτρέψετε την υπηρεσία {service}.\n" +
			"Αποδοχή {service} και φόρτωση\n" +
			"Το πρόγραμμα περιήγησής σας δεν αποθήκευσε την επιλογή σας. Ισχύει μόνο για αυτή τη σελίδα.\n" +
			"Ενεργό\n" +
			"Ανενεργό\n" +
			"Ρυθμίσεις cookies\n" +
			"Δεν έχει γίνει ακόμη επιλογή\n" +
			"Μερικώς ενεργό\n" +
			"Κανένα\n" +
			"Δεν αναφέρεται"},
	{"es",
		"Cookies en este sitio web\n" +
			"Usamos cookies necesarias para que este sitio web funcione. Con su consentimiento, también usamos cookies opcionales, por ejemplo, para estadísticas. Puede cambiar su elección en cualquier momento.\n" +
			"Aceptar todas\n" +
			"Rechazar todas\n" +
			"Personalizar\n" +
			"Guardar selección\n" +
			"Cerrar\n" +
			"Política de cookies\n" +
			"Configuración de cookies\n" +
			"Elija qué cookies permite. Las cookies necesarias están siempre activas porque el sitio web no puede funcionar sin ellas.\n" +
			"Siempre activas\n" +
			"Mostrar servicios\n" +
			"Ocultar servicios\n" +
			"Servicio\n" +
			"Proveedor\n" +
			"Función y ubicación\n" +
			"Nombres de las cookies\n" +
			"Finalidades\n" +
			"Duración\n" +
			"Su elección\n" +
			"Permitido\n" +
			"Rechazado\n" +
			"Este contenido de {provider} está bloqueado hasta que permita {service}.\n" +
			"Permitir {service} y cargar\n" +
			"Su navegador no ha guardado su elección. Solo se aplica a esta página.\n" +
			"Activado\n" +
			"Desactivado\n" +
			"Configuración de cookies\n" +
			"Aún sin elegir\n" +
			"Parcialmente activado\n" +
			"Ninguna\n" +
			"No indicada"},
	{"et",
		"Küpsised sellel veebisaidil\n" +
			"Kasutame veebisaidi toimimiseks vajalikke küpsiseid. Teie nõusolekul kasutame ka valikulisi küpsiseid, näiteks statistika jaoks. Saate oma valikut igal ajal muuta.\n" +
			"Nõustu kõigiga\n" +
			"Keeldu kõigist\n" +
			"Kohanda\n" +
			"Salvesta valik\n" +
			"Sulge\n" +
			"Küpsiste kasutamise põhimõtted\n" +
			"Küpsiste seaded\n" +
			"Valige, milliseid küpsiseid lubate. Vajalikud küpsised on alati sees, sest veebisait ei tööta ilma nendeta.\n" +
			"Alati sees\n" +
			"Näita teenuseid\n" +
			"Peida teenused\n" +
			"Teenus\n" +
			"Teenusepakkuja\n" +
			"Funktsioon ja asukoht\n" +
			"Küpsiste nimed\n" +
			"Eesmärgid\n" +
			"Kestus\n" +
			"Teie valik\n" +
			"Lubatud\n" +
			"Keelatud\n" +
			"Teenusepakkuja {provider} sisu on blokeeritud, kuni lubate teenuse {service}.\n" +
			"Luba {service} ja laadi\n" +
			"Teie brauser ei salvestanud teie valikut. See kehtib ainult sellel lehel.\n" +
			"Sees\n" +
			"Väljas\n" +
			"Küpsiste seaded\n" +
			"Valik on veel tegemata\n" +
			"Osaliselt sees\n" +
			"Puuduvad\n" +
			"Pole märgitud"},
	{"fi",
		"Evästeet tällä sivustolla\n" +
			"Käytämme välttämättömiä evästeitä, jotta sivusto toimii. Suostumuksellasi käytämme myös valinnaisia evästeitä esimerkiksi tilastointiin. Voit muuttaa valintaasi milloin tahansa.\n" +
			"Hyväksy kaikki\n" +
			"Hylkää kaikki\n" +
			"Mukauta\n" +
			"Tallenna valinnat\n" +
			"Sulje\n" +
			"Evästekäytäntö\n" +
			"Evästeasetukset\n" +
			"Valitse, mitkä evästeet sallit. Välttämättömät evästeet ovat aina käytössä, koska sivusto ei toimi ilman niitä.\n" +
			"Aina käytössä\n" +
			"Näytä palvelut\n" +
			"Piilota palvelut\n" +
			"Palvelu\n" +
			"Palveluntarjoaja\n" +
			"Toiminto ja sijainti\n" +
			"Evästeiden nimet\n" +
			"Käyttötarkoitukset\n" +
			"Kesto\n" +
			"Valintasi\n" +
			"Sallittu\n" +
			"Hylätty\n" +
			"Palveluntarjoajan {provider} sisältö on estetty, kunnes sallit palvelun {service}.\n" +
			"Salli {service} ja lataa\n" +
			"Selaimesi ei tallentanut valintaasi. Se koskee vain tätä sivua.\n" +
			"Päällä\n" +
			"Pois\n" +
			"Evästeasetukset\n" +
			"Ei vielä valittu\n" +
			"Osittain päällä\n" +
			"Ei yhtään\n" +
			"Ei ilmoitettu"},
	{"fr",
		"Cookies sur ce site\n" +
			"Nous utilisons des cookies nécessaires au fonctionnement de ce site. Avec votre accord, nous utilisons aussi des cookies facultatifs, par exemple pour les statistiques. Vous pouvez modifier votre choix à tout moment.\n" +
			"Tout accepter\n" +
			"Tout refuser\n" +
			"Personnaliser\n" +
			"Enregistrer mes choix\n" +
			"Fermer\n" +
			"Politique de cookies\n" +
			"Paramètres des cookies\n" +
			"Choisissez les cookies que vous autorisez. Les cookies nécessaires sont toujours actifs, car le site ne peut pas fonctionner sans eux.\n" +
			"Toujours actifs\n" +
			"Afficher les services\n" +
			"Masquer les services\n" +
			"Service\n" +
			"Fournisseur\n" +
			"Fonction et emplacement\n" +
			"Noms des cookies\n" +
			"Finalités\n" +
			"Durée\n" +
			"Votre choix\n" +
			"Autorisé\n" +
			"Refusé\n" +
			"Ce contenu de {provider} est bloqué tant que vous n’autorisez pas {service}.\n" +
			"Autoriser {service} et charger\n" +
			"Votre navigateur n’a pas enregistré votre choix. Il ne s’applique qu’à cette page.\n" +
			"Activé\n" +
			"Désactivé\n" +
			"Paramètres des cookies\n" +
			"Pas encore de choix\n" +
			"Partiellement activé\n" +
			"Aucun\n" +
			"Non précisée"},
	{"ga",
		"Fianáin ar an suíomh seo\n" +
			"Úsáidimid fianáin riachtanacha chun go n-oibreoidh an suíomh seo. Le do thoiliú, úsáidimid fianáin roghnacha freisin, mar shampla le haghaidh staitisticí. Is féidir leat do rogha a athrú am ar bith.\n" +
			"Glac le gach ceann\n" +
			"Diúltaigh do gach ceann\n" +
			"Saincheap\n" +
			"Sábháil roghanna\n" +
			"Dún\n" +
			"Beartas fianán\n" +
			"Socruithe fianán\n" +
			"Roghnaigh na fianáin a cheadaíonn tú. Bíonn na fianáin riachtanacha ar siúl i gcónaí mar nach n-oibríonn an suíomh gan iad.\n" +
			"Ar siúl i gcónaí\n" +
			"Taispeáin seirbhísí\n" +
			"Folaigh seirbhísí\n" +
			"Seirbhís\n" +
			"Soláthraí\n" +
			"Feidhm agus suíomh\n" +
			"Ainmneacha fianán\n" +
			"Cuspóirí\n" +
			"Fad\n" +
			"Do rogha\n" +
			"Ceadaithe\n" +
			"Diúltaithe\n" +
			"Tá an t-ábhar seo ó {provider} blocáilte go dtí go gceadaíonn tú {service}.\n" +
			"Ceadaigh {service} agus lódáil\n" +
			"Níor shábháil do bhrabhsálaí do rogha. Baineann sí leis an leathanach seo amháin.\n" +
			"Ar siúl\n" +
			"As\n" +
			"Socruithe fianán\n" +
			"Gan rogha fós\n" +
			"Ar siúl go páirteach\n" +
			"Níl aon cheann\n" +
			"Níor sonraíodh"},
	{"hr",
		"Kolačići na ovim mrežnim stranicama\n" +
			"Koristimo nužne kolačiće kako bi ove mrežne stranice radile. Uz vašu privolu koristimo i neobavezne kolačiće, primjerice za statistiku. Svoj izbor možete promijeniti u bilo kojem trenutku.\n" +
			"Prihvati sve\n" +
			"Odbij sve\n" +
			"Prilagodi\n" +
			"Spremi izbor\n" +
			"Zatvori\n" +
			"Pravila o kolačićima\n" +
			"Postavke kolačića\n" +
			"Odaberite koje kolačiće dopuštate. Nužni kolačići uvijek su uključeni jer stranice bez njih ne rade.\n" +
			"Uvijek uključeno\n" +
			"Prikaži usluge\n" +
			"Sakrij usluge\n" +
			"Usluga\n" +
			"Pružatelj\n" +
			"Funkcija i lokacija\n" +
			"Nazivi kolačića\n" +
			"Svrhe\n" +
			"Trajanje\n" +
			"Vaš izbor\n" +
			"Dopušteno\n" +
			"Odbijeno\n" +
			"Ovaj sadržaj pružatelja {provider} blokiran je dok ne dopustite uslugu {service}.\n" +
			"Dopusti {service} i učitaj\n" +
			"Vaš preglednik nije spremio vaš izbor. Vrijedi samo za ovu stranicu.\n" +
			"Uključeno\n" +
			"Isključeno\n" +
			"Postavke kolačića\n" +
			"Još nije odabrano\n" +
			"Djelomično uključeno\n" +
			"Nema\n" +
			"Nije navedeno"},
	{"hu",
		"Sütik ezen a weboldalon\n" +
			"A weboldal működéséhez szükséges sütiket használunk. Hozzájárulásával választható sütiket is használunk, például statisztikához. Döntését bármikor módosíthatja.\n" +
			"Összes elfogadása\n" +
			"Összes elutasítása\n" +
			"Testreszabás\n" +
			"Választás mentése\n" +
			"Bezárás\n" +
			"Sütikezelési szabályzat\n" +
			"Sütibeállítások\n" +
			"Válassza ki, mely sütiket engedélyezi. A szükséges sütik mindig be vannak kapcsolva, mert nélkülük a weboldal nem működik.\n" +
			"Mindig bekapcsolva\n" +
			"Szolgáltatások megjelenítése\n" +
			"Szolgáltatások elrejtése\n" +
			"Szolgáltatás\n" +
			"Szolgáltató\n" +
			"Funkció és hely\n" +
			"Sütik neve\n" +
			"Célok\n" +
			"Időtartam\n" +
			"Az Ön döntése\n" +
			"Engedélyezve\n" +
			"Elutasítva\n" +
			"Ez a tartalom ({provider}) le van tiltva, amíg nem engedélyezi a(z) {service} szolgáltatást.\n" +
			"{service} engedélyezése és betöltés\n" +
			"A böngészője nem mentette el a döntését. Csak erre az oldalra érvényes.\n" +
			"Be\n" +
			"Ki\n" +
			"Sütibeállítások\n" +
			"Még nincs döntés\n" +
			"Részben be\n" +
			"Nincs\n" +
			"Nincs megadva"},
	{"it",
		"Cookie su questo sito\n" +
			"Utilizziamo cookie necessari al funzionamento di questo sito. Con il tuo consenso utilizziamo anche cookie facoltativi, ad esempio per le statistiche. Puoi modificare la tua scelta in qualsiasi momento.\n" +
			"Accetta tutti\n" +
			"Rifiuta tutti\n" +
			"Personalizza\n" +
			"Salva le scelte\n" +
			"Chiudi\n" +
			"Informativa sui cookie\n" +
			"Impostazioni dei cookie\n" +
			"Scegli quali cookie consentire. I cookie necessari sono sempre attivi perché il sito non può funzionare senza di essi.\n" +
			"Sempre attivi\n" +
			"Mostra i servizi\n" +
			"Nascondi i servizi\n" +
			"Servizio\n" +
			"Fornitore\n" +
			"Funzione e posizione\n" +
			"Nomi dei cookie\n" +
			"Finalità\n" +
			"Durata\n" +
			"La tua scelta\n" +
			"Consentito\n" +
			"Rifiutato\n" +
			"Questo contenuto di {provider} è bloccato finché non consenti {service}.\n" +
			"Consenti {service} e carica\n" +
			"Il tuo browser non ha salvato la tua scelta. Vale solo per questa pagina.\n" +
			"Attivo\n" +
			"Disattivo\n" +
			"Impostazioni dei cookie\n" +
			"Non ancora scelto\n" +
			"Parzialmente attivo\n" +
			"Nessuno\n" +
			"Non indicata"},
	{"lt",
		"Slapukai šioje svetainėje\n" +
			"Naudojame būtinuosius slapukus, kad ši svetainė veiktų. Jums sutikus, naudojame ir pasirenkamuosius slapukus, pavyzdžiui, statistikai. Savo pasirinkimą galite bet kada pakeisti.\n" +
			"Priimti visus\n" +
			"Atmesti visus\n" +
			"Tinkinti\n" +
			"Išsaugoti pasirinkimą\n" +
			"Uždaryti\n" +
			"Slapukų politika\n" +
			"Slapukų nustatymai\n" +
			"Pasirinkite, kuriuos slapukus leidžiate. Būtinieji slapukai visada įjungti, nes be jų svetainė neveikia.\n" +
			"Visada įjungti\n" +
			"Rodyti paslaugas\n" +
			"Slėpti paslaugas\n" +
			"Paslauga\n" +
			"Teikėjas\n" +
			"Funkcija ir vieta\n" +
			"Slapukų pavadinimai\n" +
			"Tikslai\n" +
			"Galiojimo trukmė\n" +
			"Jūsų pasirinkimas\n" +
			"Leidžiama\n" +
			"Atmesta\n" +
			"Šis teikėjo {provider} turinys užblokuotas, kol neleisite paslaugos {service}.\n" +
			"Leisti {service} ir įkelti\n" +
			"Jūsų naršyklė neišsaugojo pasirinkimo. Jis galioja tik šiam puslapiui.\n" +
			"Įjungta\n" +
			"Išjungta\n" +
			"Slapukų nustatymai\n" +
			"Dar nepasirinkta\n" +
			"Iš dalies įjungta\n" +
			"Nėra\n" +
			"Nenurodyta"},
	{"lv",
		"Sīkdatnes šajā tīmekļvietnē\n" +
			"Mēs izmantojam nepieciešamās sīkdatnes, lai šī tīmekļvietne darbotos. Ar jūsu piekrišanu mēs izmantojam arī izvēles sīkdatnes, piemēram, statistikai. Jūs jebkurā laikā varat mainīt savu izvēli.\n" +
			"Pieņemt visas\n" +
			"Noraidīt visas\n" +
			"Pielāgot\n" +
			"Saglabāt izvēli\n" +
			"Aizvērt\n" +
			"Sīkdatņu politika\n" +
			"Sīkdatņu iestatījumi\n" +
			"Izvēlieties, kuras sīkdatnes atļaujat. Nepieciešamās sīkdatnes ir vienmēr ieslēgtas, jo bez tām tīmekļvietne nedarbojas.\n" +
			"Vienmēr ieslēgtas\n" +
			"Rādīt pakalpojumus\n" +
			"Slēpt pakalpojumus\n" +
			"Pakalpojums\n" +
			"Nodrošinātājs\n" +
			"Funkcija un atrašanās vieta\n" +
			"Sīkdatņu nosaukumi\n" +
			"Nolūki\n" +
			"Glabāšanas ilgums\n" +
			"Jūsu izvēle\n" +
			"Atļauts\n" +
			"Noraidīts\n" +
			"Šis {provider} saturs ir bloķēts, līdz atļausiet pakalpojumu {service}.\n" +
			"Atļaut {service} un ielādēt\n" +
			"Jūsu pārlūks nesaglabāja jūsu izvēli. Tā attiecas tikai uz šo lapu.\n" +
			"Ieslēgts\n" +
			"Izslēgts\n" +
			"Sīkdatņu iestatījumi\n" +
			"Vēl nav izvēlēts\n" +
			"Daļēji ieslēgts\n" +
			"Nav\n" +
			"Nav norādīts"},
	{"mt",
		"Cookies fuq dan is-sit\n" +
			"Nużaw cookies meħtieġa biex dan is-sit jaħdem. Bil-kunsens tiegħek, nużaw ukoll cookies mhux essenzjali, pereżempju għall-istatistika. Tista’ tibdel l-għażla tiegħek fi kwalunkwe ħin.\n" +
			"Aċċetta kollox\n" +
			"Irrifjuta kollox\n" +
			"Ippersonalizza\n" +
			"Issejvja l-għażla\n" +
			"Agħlaq\n" +
			"Politika dwar il-cookies\n" +
			"Issettjar tal-cookies\n" +
			"Agħżel liema cookies tippermetti. Il-cookies meħtieġa huma dejjem mixgħula għax is-sit ma jaħdimx mingħajrhom.\n" +
			"Dejjem mixgħula\n" +
			"Uri s-servizzi\n" +
			"Aħbi s-servizzi\n" +
			"Servizz\n" +
			"Fornitur\n" +
			"Funzjoni u post\n" +
			"Ismijiet tal-cookies\n" +
			"Skopijiet\n" +
			"Tul ta’ żmien\n" +
			"L-għażla tiegħek\n" +
			"Permess\n" +
			"Rifjutat\n" +
			"Dan il-kontenut minn {provider} huwa mblukkat sakemm tippermetti {service}.\n" +
			"Ippermetti {service} u tella’\n" +
			"Il-browser tiegħek ma ssejvjax l-għażla tiegħek. Tapplika għal din il-paġna biss.\n" +
			"Mixgħul\n" +
			"Mitfi\n" +
			"Issettjar tal-cookies\n" +
			"L-ebda għażla s'issa\n" +
			"Mixgħul parzjalment\n" +
			"Xejn\n" +
			"Mhux iddikjarat"},
	{"nl",
		"Cookies op deze website\n" +
			"We gebruiken noodzakelijke cookies om deze website te laten werken. Met uw toestemming gebruiken we ook optionele cookies, bijvoorbeeld voor statistieken. U kunt uw keuze altijd wijzigen.\n" +
			"Alles accepteren\n" +
			"Alles weigeren\n" +
			"Aanpassen\n" +
			"Keuze opslaan\n" +
			"Sluiten\n" +
			"Cookiebeleid\n" +
			"Cookie-instellingen\n" +
			"Kies welke cookies u toestaat. Noodzakelijke cookies staan altijd aan, omdat de website zonder deze cookies niet werkt.\n" +
			"Altijd aan\n" +
			"Diensten tonen\n" +
			"Diensten verbergen\n" +
			"Dienst\n" +
			"Aanbieder\n" +
			"Functie en locatie\n" +
			"Cookienamen\n" +
			"Doeleinden\n" +
			"Bewaartermijn\n" +
			"Uw keuze\n" +
			"Toegestaan\n" +
			"Geweigerd\n" +
			"Deze inhoud van {provider} is geblokkeerd totdat u {service} toestaat.\n" +
			"{service} toestaan en laden\n" +
			"Uw browser heeft uw keuze niet opgeslagen. Die geldt alleen voor deze pagina.\n" +
			"Aan\n" +
			"Uit\n" +
			"Cookie-instellingen\n" +
			"Nog geen keuze\n" +
			"Gedeeltelijk aan\n" +
			"Geen\n" +
			"Niet vermeld"},
	{"pl",
		"Pliki cookie w tym serwisie\n" +
			"Używamy niezbędnych plików cookie, aby serwis działał. Za Twoją zgodą używamy także opcjonalnych plików cookie, na przykład do statystyk. Możesz w każdej chwili zmienić swój wybór.\n" +
			"Akceptuj wszystkie\n" +
			"Odrzuć wszystkie\n" +
			"Dostosuj\n" +
			"Zapisz wybór\n" +
			"Zamknij\n" +
			"Polityka plików cookie\n" +
			"Ustawienia plików cookie\n" +
			"Wybierz, na które pliki cookie się zgadzasz. Niezbędne pliki cookie są zawsze włączone, ponieważ bez nich serwis nie działa.\n" +
			"Zawsze włączone\n" +
			"Pokaż usługi\n" +
			"Ukryj usługi\n" +
			"Usługa\n" +
			"Dostawca\n" +
			"Funkcja i lokalizacja\n" +
			"Nazwy plików cookie\n" +
			"Cele\n" +
			"Okres przechowywania\n" +
			"Twój wybór\n" +
			"Dozwolone\n" +
			"Odrzucone\n" +
			"Te treści od {provider} są zablokowane, dopóki nie zezwolisz na {service}.\n" +
			"Zezwól na {service} i załaduj\n" +
			"Twoja przeglądarka nie zapisała wyboru. Obowiązuje on tylko na tej stronie.\n" +
			"Włączone\n" +
			"Wyłączone\n" +
			"Ustawienia plików cookie\n" +
			"Jeszcze nie wybrano\n" +
			"Częściowo włączone\n" +
			"Brak\n" +
			"Nie podano"},
	{"pt",
		"Cookies neste site\n" +
			"Utilizamos cookies necessários para o funcionamento deste site. Com o seu consentimento, utilizamos também cookies opcionais, por exemplo para estatísticas. Pode alterar a sua escolha a qualquer momento.\n" +
			"Aceitar todos\n" +
			"Rejeitar todos\n" +
			"Personalizar\n" +
			"Guardar escolhas\n" +
			"Fechar\n" +
			"Política de cookies\n" +
			"Definições de cookies\n" +
			"Escolha os cookies que permite. Os cookies necessários estão sempre ativos porque o site não funciona sem eles.\n" +
			"Sempre ativos\n" +
			"Mostrar serviços\n" +
			"Ocultar serviços\n" +
			"Serviço\n" +
			"Fornecedor\n" +
			"Função e localização\n" +
			"Nomes dos cookies\n" +
			"Finalidades\n" +
			"Duração\n" +
			"A sua escolha\n" +
			"Permitido\n" +
			"Recusado\n" +
			"Este conteúdo de {provider} está bloqueado até permitir {service}.\n" +
			"Permitir {service} e carregar\n" +
			"O seu navegador não guardou a sua escolha. Aplica-se apenas a esta página.\n" +
			"Ativado\n" +
			"Desativado\n" +
			"Definições de cookies\n" +
			"Ainda sem escolha\n" +
			"Parcialmente ativado\n" +
			"Nenhum\n" +
			"Não indicada"},
	{"ro",
		"Cookie-uri pe acest site\n" +
			"Folosim cookie-uri necesare pentru funcționarea acestui site. Cu acordul dumneavoastră, folosim și cookie-uri opționale, de exemplu pentru statistici. Vă puteți schimba alegerea oricând.\n" +
			"Acceptă toate\n" +
			"Refuză toate\n" +
			"Personalizează\n" +
			"Salvează alegerea\n" +
			"Închide\n" +
			"Politica privind cookie-urile\n" +
			"Setări cookie-uri\n" +
			"Alegeți ce cookie-uri permiteți. Cookie-urile necesare sunt mereu active, deoarece site-ul nu funcționează fără ele.\n" +
			"Mereu active\n" +
			"Afișează serviciile\n" +
			"Ascunde serviciile\n" +
			"Serviciu\n" +
			"Furnizor\n" +
			"Funcție și locație\n" +
			"Numele cookie-urilor\n" +
			"Scopuri\n" +
			"Durată\n" +
			"Alegerea dumneavoastră\n" +
			"Permis\n" +
			"Refuzat\n" +
			"Acest conținut de la {provider} este blocat până când permiteți {service}.\n" +
			"Permite {service} și încarcă\n" +
			"Browserul dumneavoastră nu a salvat alegerea. Ea se aplică doar acestei pagini.\n" +
			"Activat\n" +
			"Dezactivat\n" +
			"Setări cookie-uri\n" +
			"Nicio alegere încă\n" +
			"Parțial activat\n" +
			"Niciunul\n" +
			"Nespecificată"},
	{"sk",
		"Súbory cookie na tomto webe\n" +
			"Používame nevyhnutné súbory cookie, aby tento web fungoval. S vaším súhlasom používame aj voliteľné súbory cookie, napríklad na štatistiku. Svoju voľbu môžete kedykoľvek zmeniť.\n" +
			"Prijať všetko\n" +
			"Odmietnuť všetko\n" +
			"Prispôsobiť\n" +
			"Uložiť voľbu\n" +
			"Zavrieť\n" +
			"Zásady používania súborov cookie\n" +
			"Nastavenia súborov cookie\n" +
			"Vyberte, ktoré súbory cookie povolíte. Nevyhnutné súbory cookie sú vždy zapnuté, pretože bez nich web nefunguje.\n" +
			"Vždy zapnuté\n" +
			"Zobraziť služby\n" +
			"Skryť služby\n" +
			"Služba\n" +
			"Poskytovateľ\n" +
			"Funkcia a umiestnenie\n" +
			"Názvy súborov cookie\n" +
			"Účely\n" +
			"Doba uchovávania\n" +
			"Vaša voľba\n" +
			"Povolené\n" +
			"Odmietnuté\n" +
			"Tento obsah od {provider} je zablokovaný, kým nepovolíte {service}.\n" +
			"Povoliť {service} a načítať\n" +
			"Váš prehliadač vašu voľbu neuložil. Platí len pre túto stránku.\n" +
			"Zapnuté\n" +
			"Vypnuté\n" +
			"Nastavenia súborov cookie\n" +
			"Zatiaľ bez voľby\n" +
			"Čiastočne zapnuté\n" +
			"Žiadne\n" +
			"Neuvedené"},
	{"sl",
		"Piškotki na tem spletnem mestu\n" +
			"Uporabljamo nujne piškotke, da spletno mesto deluje. Z vašo privolitvijo uporabljamo tudi izbirne piškotke, na primer za statistiko. Svojo izbiro lahko kadar koli spremenite.\n" +
			"Sprejmi vse\n" +
			"Zavrni vse\n" +
			"Prilagodi\n" +
			"Shrani izbiro\n" +
			"Zapri\n" +
			"Politika piškotkov\n" +
			"Nastavitve piškotkov\n" +
			"Izberite, katere piškotke dovolite. Nujni piškotki so vedno vklopljeni, ker spletno mesto brez njih ne deluje.\n" +
			"Vedno vklopljeno\n" +
			"Prikaži storitve\n" +
			"Skrij storitve\n" +
			"Storitev\n" +
			"Ponudnik\n" +
			"Funkcija in lokacija\n" +
			"Imena piškotkov\n" +
			"Nameni\n" +
			"Trajanje\n" +
			"Vaša izbira\n" +
			"Dovoljeno\n" +
			"Zavrnjeno\n" +
			"Ta vsebina ponudnika {provider} je blokirana, dokler ne dovolite storitve {service}.\n" +
			"Dovoli {service} in naloži\n" +
			"Vaš brskalnik ni shranil vaše izbire. Velja samo za to stran.\n" +
			"Vklopljeno\n" +
			"Izklopljeno\n" +
			"Nastavitve piškotkov\n" +
			"Še ni izbire\n" +
			"Delno vklopljeno\n" +
			"Brez\n" +
			"Ni navedeno"},
	{"sv",
		"Kakor på den här webbplatsen\n" +
			"Vi använder nödvändiga kakor för att webbplatsen ska fungera. Med ditt samtycke använder vi även valfria kakor, till exempel för statistik. Du kan när som helst ändra ditt val.\n" +
			"Godkänn alla\n" +
			"Avvisa alla\n" +
			"Anpassa\n" +
			"Spara val\n" +
			"Stäng\n" +
			"Kakpolicy\n" +
			"Inställningar för kakor\n" +
			"Välj vilka kakor du tillåter. Nödvändiga kakor är alltid på eftersom webbplatsen inte fungerar utan dem.\n" +
			"Alltid på\n" +
			"Visa tjänster\n" +
			"Dölj tjänster\n" +
			"Tjänst\n" +
			"Leverantör\n" +
			"Funktion och plats\n" +
			"Kakornas namn\n" +
			"Ändamål\n" +
			"Lagringstid\n" +
			"Ditt val\n" +
			"Tillåten\n" +
			"Avvisad\n" +
			"Det här innehållet från {provider} är blockerat tills du tillåter {service}.\n" +
			"Tillåt {service} och ladda\n" +
			"Din webbläsare sparade inte ditt val. Det gäller bara den här sidan.\n" +
			"På\n" +
			"Av\n" +
			"Inställningar för kakor\n" +
			"Inget val ännu\n" +
			"Delvis på\n" +
			"Inga\n" +
			"Ej angivet"},
	{"ar",
		"ملفات تعريف الارتباط على هذا الموقع\n" +
			"نستخدم ملفات تعريف الارتباط الضرورية لكي يعمل هذا الموقع. وبموافقتك، نستخدم أيضًا ملفات تعريف ارتباط اختيارية، مثلًا لإعداد الإحصاءات. يمكنك تغيير اختيارك في أي وقت.\n" +
			"قبول الكل\n" +
			"رفض الكل\n" +
			"تخصيص\n" +
			"حفظ الاختيار\n" +
			"إغلاق\n" +
			"سياسة ملفات تعريف الارتباط\n" +
			"إعدادات ملفات تعريف الارتباط\n" +
			"اختر ملفات تعريف الارتباط التي تسمح بها. الملفات الضرورية مفعّلة دائمًا لأن الموقع لا يعمل بدونها.\n" +
			"مفعّلة دائمًا\n" +
			"إظهار الخدمات\n" +
			"إخفاء الخدمات\n" +
			"الخدمة\n" +
			"المزوّد\n" +
			"الوظيفة والموقع\n" +
			"أسماء ملفات تعريف الارتباط\n" +
			"الأغراض\n" +
			"المدة\n" +
			"اختيارك\n" +
			"مسموح\n" +
			"مرفوض\n" +
			"هذا المحتوى من {provider} محظور حتى تسمح بخدمة {service}.\n" +
			"السماح بـ {service} والتحميل\n" +
			"لم يحفظ متصفحك اختيارك. ينطبق اختيارك على هذه الصفحة فقط.\n" +
			"تشغيل\n" +
			"إيقاف\n" +
			"إعدادات ملفات تعريف الارتباط\n" +
			"لم يتم الاختيار بعد\n" +
			"مفعّل جزئيًا\n" +
			"لا يوجد\n" +
			"غير محدد"},
	{"ca",
		"Galetes en aquest lloc web\n" +
			"Fem servir galetes necessàries perquè aquest lloc web funcioni. Amb el vostre consentiment, també fem servir galetes opcionals, per exemple per a estadístiques. Podeu canviar la vostra elecció en qualsevol moment.\n" +
			"Acceptar-les totes\n" +
			"Rebutjar-les totes\n" +
			"Personalitzar\n" +
			"Desar l’elecció\n" +
			"Tancar\n" +
			"Política de galetes\n" +
			"Configuració de galetes\n" +
			"Trieu quines galetes permeteu. Les galetes necessàries estan sempre actives perquè el lloc web no pot funcionar sense elles.\n" +
			"Sempre actives\n" +
			"Mostrar els serveis\n" +
			"Amagar els serveis\n" +
			"Servei\n" +
			"Proveïdor\n" +
			"Funció i ubicació\n" +
			"Noms de les galetes\n" +
			"Finalitats\n" +
			"Durada\n" +
			"La vostra elecció\n" +
			"Permès\n" +
			"Rebutjat\n" +
			"Aquest contingut de {provider} està bloquejat fins que permeteu {service}.\n" +
			"Permetre {service} i carregar\n" +
			"El vostre navegador no ha desat la vostra elecció. Només s’aplica a aquesta pàgina.\n" +
			"Activat\n" +
			"Desactivat\n" +
			"Configuració de galetes\n" +
			"Encara sense triar\n" +
			"Parcialment activat\n" +
			"Cap\n" +
			"No indicada"},
	{"he",
		"עוגיות באתר זה\n" +
			"אנו משתמשים בעוגיות הכרחיות כדי שהאתר יפעל. בהסכמתך, אנו משתמשים גם בעוגיות אופציונליות, למשל לסטטיסטיקה. אפשר לשנות את הבחירה בכל עת.\n" +
			"אישור הכול\n" +
			"דחיית הכול\n" +
			"התאמה אישית\n" +
			"שמירת הבחירה\n" +
			"סגירה\n" +
			"מדיניות עוגיות\n" +
			"הגדרות עוגיות\n" +
			"בחרו אילו עוגיות לאפשר. עוגיות הכרחיות פעילות תמיד כי האתר לא יכול לפעול בלעדיהן.\n" +
			"פעיל תמיד\n" +
			"הצגת שירותים\n" +
			"הסתרת שירותים\n" +
			"שירות\n" +
			"ספק\n" +
			"תפקיד ומיקום\n" +
			"שמות העוגיות\n" +
			"מטרות\n" +
			"משך\n" +
			"הבחירה שלך\n" +
			"מאושר\n" +
			"נדחה\n" +
			"התוכן הזה של {provider} חסום עד שתאשרו את {service}.\n" +
			"אישור {service} וטעינה\n" +
			"הדפדפן לא שמר את הבחירה. היא חלה על הדף הזה בלבד.\n" +
			"פעיל\n" +
			"כבוי\n" +
			"הגדרות עוגיות\n" +
			"טרם נבחר\n" +
			"פעיל חלקית\n" +
			"אין\n" +
			"לא צוין"},
	{"is",
		"Vafrakökur á þessum vef\n" +
			"Við notum nauðsynlegar vafrakökur svo að vefurinn virki. Með samþykki þínu notum við einnig valfrjálsar vafrakökur, til dæmis fyrir tölfræði. Þú getur breytt vali þínu hvenær sem er.\n" +
			"Samþykkja allar\n" +
			"Hafna öllum\n" +
			"Sérsníða\n" +
			"Vista val\n" +
			"Loka\n" +
			"Stefna um vafrakökur\n" +
			"Stillingar vafrakaka\n" +
			"Veldu hvaða vafrakökur þú leyfir. Nauðsynlegar vafrakökur eru alltaf virkar því vefurinn virkar ekki án þeirra.\n" +
			"Alltaf virkar\n" +
			"Sýna þjónustur\n" +
			"Fela þjónustur\n" +
			"Þjónusta\n" +
			"Veitandi\n" +
			"Virkni og staðsetning\n" +
			"Heiti vafrakaka\n" +
			"Tilgangur\n" +
			"Gildistími\n" +
			"Þitt val\n" +
			"Leyft\n" +
			"Hafnað\n" +
			"Þetta efni frá {provider} er lokað þar til þú leyfir {service}.\n" +
			"Leyfa {service} og hlaða\n" +
			"Vafrinn þinn vistaði ekki val þitt. Það gildir aðeins fyrir þessa síðu.\n" +
			"Kveikt\n" +
			"Slökkt\n" +
			"Stillingar vafrakaka\n" +
			"Ekkert val enn\n" +
			"Kveikt að hluta\n" +
			"Engar\n" +
			"Ekki tilgreint"},
	{"ja",
		"このウェブサイトのCookie\n" +
			"このウェブサイトの動作に必要なCookieを使用しています。同意いただいた場合は、統計などのための任意のCookieも使用します。選択はいつでも変更できます。\n" +
			"すべて許可\n" +
			"すべて拒否\n" +
			"カスタマイズ\n" +
			"選択を保存\n" +
			"閉じる\n" +
			"Cookieポリシー\n" +
			"Cookie設定\n" +
			"許可するCookieを選択してください。必要なCookieはウェブサイトの動作に不可欠なため、常に有効です。\n" +
			"常に有効\n" +
			"サービスを表示\n" +
			"サービスを非表示\n" +
			"サービス\n" +
			"提供者\n" +
			"機能と場所\n" +
			"Cookie名\n" +
			"目的\n" +
			"保存期間\n" +
			"あなたの選択\n" +
			"許可\n" +
			"拒否\n" +
			"{provider}のこのコンテンツは、{service}を許可するまでブロックされています。\n" +
			"{service}を許可して読み込む\n" +
			"ブラウザが選択を保存しませんでした。選択はこのページにのみ適用されます。\n" +
			"オン\n" +
			"オフ\n" +
			"Cookie設定\n" +
			"未選択\n" +
			"一部オン\n" +
			"なし\n" +
			"記載なし"},
	{"no",
		"Informasjonskapsler på dette nettstedet\n" +
			"Vi bruker nødvendige informasjonskapsler for at nettstedet skal fungere. Med ditt samtykke bruker vi også valgfrie informasjonskapsler, for eksempel til statistikk. Du kan når som helst endre valget ditt.\n" +
			"Godta alle\n" +
			"Avvis alle\n" +
			"Tilpass\n" +
			"Lagre valg\n" +
			"Lukk\n" +
			"Retningslinjer for informasjonskapsler\n" +
			"Innstillinger for informasjonskapsler\n" +
			"Velg hvilke informasjonskapsler du tillater. Nødvendige informasjonskapsler er alltid på fordi nettstedet ikke fungerer uten dem.\n" +
			"Alltid på\n" +
			"Vis tjenester\n" +
			"Skjul tjenester\n" +
			"Tjeneste\n" +
			"Leverandør\n" +
			"Funksjon og plassering\n" +
			"Navn på informasjonskapsler\n" +
			"Formål\n" +
			"Varighet\n" +
			"Ditt valg\n" +
			"Tillatt\n" +
			"Avvist\n" +
			"Dette innholdet fra {provider} er blokkert til du tillater {service}.\n" +
			"Tillat {service} og last inn\n" +
			"Nettleseren din lagret ikke valget ditt. Det gjelder bare denne siden.\n" +
			"På\n" +
			"Av\n" +
			"Innstillinger for informasjonskapsler\n" +
			"Ikke valgt ennå\n" +
			"Delvis på\n" +
			"Ingen\n" +
			"Ikke oppgitt"},
	{"sr",
		"Колачићи на овом сајту\n" +
			"Користимо неопходне колачиће да би овај сајт радио. Уз вашу сагласност користимо и опционе колачиће, на пример за статистику. Свој избор можете променити у сваком тренутку.\n" +
			"Прихвати све\n" +
			"Одбиј све\n" +
			"Прилагоди\n" +
			"Сачувај избор\n" +
			"Затвори\n" +
			"Политика колачића\n" +
			"Подешавања колачића\n" +
			"Изаберите које колачиће дозвољавате. Неопходни колачићи су увек укључени јер сајт без њих не ради.\n" +
			"Увек укључено\n" +
			"Прикажи услуге\n" +
			"Сакриј услуге\n" +
			"Услуга\n" +
			"Пружалац\n" +
			"Функција и локација\n" +
			"Називи колачића\n" +
			"Сврхе\n" +
			"Трајање\n" +
			"Ваш избор\n" +
			"Дозвољено\n" +
			"Одбијено\n" +
			"Овај садржај пружаоца {provider} блокиран је док не дозволите услугу {service}.\n" +
			"Дозволи {service} и учитај\n" +
			"Ваш прегледач није сачувао ваш избор. Важи само за ову страницу.\n" +
			"Укључено\n" +
			"Искључено\n" +
			"Подешавања колачића\n" +
			"Још није изабрано\n" +
			"Делимично укључено\n" +
			"Нема\n" +
			"Није наведено"},
	{"tr",
		"Bu web sitesinde çerezler\n" +
			"Bu web sitesinin çalışması için zorunlu çerezler kullanıyoruz. İzninizle, örneğin istatistik için isteğe bağlı çerezler de kullanıyoruz. Seçiminizi istediğiniz zaman değiştirebilirsiniz.\n" +
			"Tümünü kabul et\n" +
			"Tümünü reddet\n" +
			"Özelleştir\n" +
			"Seçimi kaydet\n" +
			"Kapat\n" +
			"Çerez politikası\n" +
			"Çerez ayarları\n" +
			"Hangi çerezlere izin verdiğinizi seçin. Zorunlu çerezler her zaman açıktır, çünkü web sitesi onlar olmadan çalışmaz.\n" +
			"Her zaman açık\n" +
			"Hizmetleri göster\n" +
			"Hizmetleri gizle\n" +
			"Hizmet\n" +
			"Sağlayıcı\n" +
			"İşlev ve konum\n" +
			"Çerez adları\n" +
			"Amaçlar\n" +
			"Süre\n" +
			"Seçiminiz\n" +
			"İzin verildi\n" +
			"Reddedildi\n" +
			"{provider} tarafından sağlanan bu içerik, {service} hizmetine izin verene kadar engellenmiştir.\n" +
			"{service} hizmetine izin ver ve yükle\n" +
			"Tarayıcınız seçiminizi kaydetmedi. Seçiminiz yalnızca bu sayfa için geçerlidir.\n" +
			"Açık\n" +
			"Kapalı\n" +
			"Çerez ayarları\n" +
			"Henüz seçim yapılmadı\n" +
			"Kısmen açık\n" +
			"Yok\n" +
			"Belirtilmemiş"},
	{"uk",
		"Файли cookie на цьому вебсайті\n" +
			"Ми використовуємо необхідні файли cookie, щоб вебсайт працював. За вашою згодою ми також використовуємо додаткові файли cookie, наприклад для статистики. Ви можете будь-коли змінити свій вибір.\n" +
			"Прийняти всі\n" +
			"Відхилити всі\n" +
			"Налаштувати\n" +
			"Зберегти вибір\n" +
			"Закрити\n" +
			"Політика щодо файлів cookie\n" +
			"Налаштування файлів cookie\n" +
			"Виберіть, які файли cookie ви дозволяєте. Необхідні файли cookie завжди увімкнені, бо без них вебсайт не працює.\n" +
			"Завжди увімкнені\n" +
			"Показати сервіси\n" +
			"Приховати сервіси\n" +
			"Сервіс\n" +
			"Постачальник\n" +
			"Функція та розташування\n" +
			"Назви файлів cookie\n" +
			"Цілі\n" +
			"Тривалість\n" +
			"Ваш вибір\n" +
			"Дозволено\n" +
			"Відхилено\n" +
			"Цей вміст від {provider} заблоковано, доки ви не дозволите {service}.\n" +
			"Дозволити {service} і завантажити\n" +
			"Ваш браузер не зберіг ваш вибір. Він діє лише для цієї сторінки.\n" +
			"Увімкнено\n" +
			"Вимкнено\n" +
			"Налаштування файлів cookie\n" +
			"Ще не вибрано\n" +
			"Частково увімкнено\n" +
			"Немає\n" +
			"Не вказано"},
	{"zh",
		"本网站的 Cookie\n" +
			"我们使用必要的 Cookie 来确保本网站正常运行。经您同意，我们还会使用可选 Cookie，例如用于统计。您可以随时更改您的选择。\n" +
			"全部接受\n" +
			"全部拒绝\n" +
			"自定义\n" +
			"保存选择\n" +
			"关闭\n" +
			"Cookie 政策\n" +
			"Cookie 设置\n" +
			"请选择您允许的 Cookie。必要 Cookie 始终启用，因为没有它们网站无法运行。\n" +
			"始终启用\n" +
			"显示服务\n" +
			"隐藏服务\n" +
			"服务\n" +
			"提供方\n" +
			"功能和位置\n" +
			"Cookie 名称\n" +
			"目的\n" +
			"期限\n" +
			"您的选择\n" +
			"已允许\n" +
			"已拒绝\n" +
			"来自 {provider} 的此内容已被阻止，直到您允许 {service}。\n" +
			"允许 {service} 并加载\n" +
			"您的浏览器未保存您的选择。它仅适用于此页面。\n" +
			"开\n" +
			"关\n" +
			"Cookie 设置\n" +
			"尚未选择\n" +
			"部分开启\n" +
			"无\n" +
			"未说明"},
}
