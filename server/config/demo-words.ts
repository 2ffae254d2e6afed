// Word lists for the demo shop, kept as text so they stay compact. Plain ASCII on purpose: the
// invoices use PDF's built-in fonts.

const words = (text: string): string[] => text.trim().split(/\s*\|\s*/);

export const firstNames = words(`
  Olivia | Liam | Emma | Noah | Ava | Oliver | Sophia | Elijah | Isabella | Lucas | Mia | Mateo | Amelia | Levi |
  Harper | Ethan | Evelyn | James | Aria | Henry | Chloe | Leo | Nora | Jack | Zoe | Sebastian | Hannah | Samuel |
  Lena | David | Ines | Yusuf | Priya | Arjun | Mei | Hiroshi | Sofia | Luca | Anna | Jonas | Clara | Felix |
  Maja | Emil | Julia | Marco | Elena | Omar | Fatima | Kwame | Amara | Diego | Lucia | Tomas | Ingrid | Lars |
  Aisha | Ravi | Chen | Nia`);

export const lastNames = words(`
  Smith | Johnson | Williams | Brown | Jones | Garcia | Miller | Davis | Martinez | Lopez | Wilson | Anderson |
  Taylor | Thomas | Moore | Jackson | Martin | Lee | Walker | Hall | Young | King | Wright | Scott | Green |
  Baker | Nguyen | Kim | Patel | Singh | Mueller | Schmidt | Schneider | Fischer | Weber | Rossi | Russo |
  Bianchi | Dubois | Laurent | Moreau | Fernandez | Silva | Santos | Costa | Jansen | de Vries | Nielsen |
  Hansen | Johansson | Kowalski | Novak | Tanaka | Sato | Suzuki | Wang | Li | Okafor | Mensah | O'Brien`);

/** Country codes repeated by weight: most customers come from a few markets, like a real shop's. */
export const countries = words(`
  US | US | US | US | US | US | US | US | US | US | GB | GB | GB | GB | DE | DE | DE | DE | FR | FR | FR | CA |
  CA | CA | NL | NL | AU | AU | SE | ES | IT | JP | IE | DK | NO | CH | BE | AT`);

export const emailDomains = words('example.com | example.net | example.org | mail.example');

/** How to care for each category's products, for the product descriptions. */
export const careNotes: Record<string, string[]> = {
  Apparel: words(
    'Machine washable at 30 C. | Hand wash cold, dry flat. | Wash inside out to keep the colour.',
  ),
  Kitchen: words('Dishwasher safe. | Hand wash only. | Oil it now and then to keep it looking new.'),
  Bags: words('Wipe clean with a damp cloth. | Re-wax once a year. | Each piece varies slightly.'),
  Stationery: words(
    'Printed on FSC-certified paper. | Each piece varies slightly. | Ships in plastic-free packaging.',
  ),
  Home: words(
    'Store away from direct sunlight. | Each piece varies slightly. | Wipe clean with a damp cloth.',
  ),
  Outdoors: words('Rinse with fresh water after use. | Air dry before storing. | Packs down small.'),
  Pets: words('Machine washable at 30 C. | Wipe clean with a damp cloth.'),
};

/** Colourways, which tell apart products of the same material and kind. */
export const colours = words('Natural | Charcoal | Sage | Navy | Rust | Oat | Forest | Sand | Plum | Ochre');

export interface ItemKind {
  name: string;
  category: string;
  /** Price range in whole dollars. */
  min: number;
  max: number;
  materials: string[];
}

/** `name:category:min:max:material,material,…`. */
export const itemKinds: ItemKind[] = words(`
  T-Shirt:Apparel:18:38:Organic Cotton,Linen,Hemp,Merino Wool |
  Hoodie:Apparel:45:89:Organic Cotton,Recycled Wool,Brushed Fleece |
  Beanie:Apparel:15:35:Merino Wool,Alpaca,Recycled Wool,Organic Cotton |
  Scarf:Apparel:25:79:Cashmere Blend,Merino Wool,Linen,Alpaca |
  Socks (3 Pack):Apparel:12:24:Merino Wool,Organic Cotton,Bamboo |
  Cap:Apparel:19:34:Waxed Canvas,Organic Cotton,Corduroy |
  Jacket:Apparel:99:249:Waxed Canvas,Denim,Corduroy,Recycled Wool |
  Apron:Kitchen:24:48:Linen,Waxed Canvas,Denim |
  Coffee Mug:Kitchen:14:29:Stoneware,Enamel,Ceramic |
  Pour-Over Set:Kitchen:39:89:Ceramic,Glass,Copper |
  Cutting Board:Kitchen:29:79:Walnut,Oak,Olive Wood,Bamboo |
  Salad Bowl:Kitchen:34:69:Walnut,Stoneware,Olive Wood |
  Tea Canister:Kitchen:16:32:Copper,Brushed Steel,Ceramic |
  Water Bottle:Kitchen:19:42:Brushed Steel,Glass,Titanium |
  Tote Bag:Bags:19:45:Recycled Canvas,Organic Cotton,Jute |
  Backpack:Bags:69:179:Waxed Canvas,Ripstop,Full-Grain Leather |
  Weekender Bag:Bags:119:289:Full-Grain Leather,Waxed Canvas |
  Card Wallet:Bags:25:65:Full-Grain Leather,Cork,Felt |
  Laptop Sleeve:Bags:35:79:Felt,Full-Grain Leather,Recycled Canvas |
  Notebook:Stationery:9:24:Recycled Paper,Linen-Bound,Leather-Bound |
  Desk Organizer:Stationery:29:69:Walnut,Oak,Cork,Felt |
  Pen Case:Stationery:14:35:Full-Grain Leather,Felt,Waxed Canvas |
  Planner:Stationery:19:39:Linen-Bound,Recycled Paper |
  Desk Lamp:Home:59:149:Brass,Brushed Steel,Oak |
  Throw Blanket:Home:59:159:Merino Wool,Alpaca,Linen,Organic Cotton |
  Cushion Cover:Home:24:49:Linen,Velvet,Organic Cotton |
  Plant Pot:Home:19:59:Terracotta,Stoneware,Concrete |
  Candle:Home:14:36:Beeswax,Soy Wax |
  Vase:Home:24:79:Glass,Stoneware,Terracotta |
  Wall Clock:Home:39:99:Oak,Walnut,Brass |
  Yoga Mat:Outdoors:39:89:Cork,Natural Rubber |
  Camping Mug:Outdoors:14:29:Enamel,Titanium |
  Picnic Blanket:Outdoors:39:89:Recycled Wool,Organic Cotton |
  Hammock:Outdoors:59:139:Ripstop,Organic Cotton |
  Dog Leash:Pets:19:45:Full-Grain Leather,Rope,Recycled Nylon`).map((entry) => {
  const [name = '', category = '', min = '0', max = '0', materials = ''] = entry.split(':');
  return { name, category, min: Number(min), max: Number(max), materials: materials.split(',') };
});

export const qualities = words(`
  made in small batches | built to last for years | finished by hand | designed in our studio |
  made from responsibly sourced materials | tested by our team for a full season |
  backed by a lifetime repair promise | sized for everyday use | in a timeless, understated design |
  that only gets better with age`);
