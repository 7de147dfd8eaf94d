/**
 * Searchable text for the seed generator: Chinese, English and mixed titles and bodies built from
 * brands, products, places and 种草 vocabulary per topic, so a fresh demo has something for
 * search to find ("油皮 toner", "成都 火锅").
 */

interface Vocabulary {
  brands: string[];
  /** [Chinese, English] names of products. */
  products: [string, string][];
  phrases: string[];
}

const VOCABULARY: Record<string, Vocabulary> = {
  beauty: {
    brands: ['Dewy', 'SK-II', '兰蔻 Lancome', '雅诗兰黛', 'Innisfree', '完美日记', '花西子', 'La Roche-Posay'],
    products: [['爽肤水', 'toner'], ['精华', 'serum'], ['防晒霜', 'sunscreen'], ['口红', 'lipstick'], ['面膜', 'sheet mask'], ['洁面', 'cleanser']],
    phrases: ['油皮亲妈', '干皮救星', '敏感肌可用', '学生党平价', '回购无数次', '黄皮显白'],
  },
  fashion: {
    brands: ['优衣库 Uniqlo', 'ZARA', '李宁 Li-Ning', '安踏', 'Nike', 'COS'],
    products: [['卫衣', 'hoodie'], ['牛仔裤', 'jeans'], ['小白鞋', 'white sneakers'], ['风衣', 'trench coat'], ['托特包', 'tote bag']],
    phrases: ['显瘦穿搭', '通勤必备', '小个子穿搭', '一衣多穿', '早秋氛围感'],
  },
  food: {
    brands: ['海底捞', '喜茶 HEYTEA', '三只松鼠', '瑞幸 Luckin', '奈雪'],
    products: [['火锅', 'hotpot'], ['奶茶', 'milk tea'], ['零食礼盒', 'snack box'], ['咖啡', 'coffee'], ['螺蛳粉', 'river snail noodles']],
    phrases: ['排队也值得', '本地人推荐', '宝藏小店', '一人食', '减脂也能吃'],
  },
  travel: {
    brands: ['携程', 'Airbnb', '亚朵 Atour', '新秀丽 Samsonite'],
    products: [['行李箱', 'suitcase'], ['旅行收纳袋', 'packing cubes'], ['民宿', 'guesthouse'], ['双肩包', 'backpack']],
    phrases: ['周末去哪儿', '小众景点', '人少景美', '攻略收藏', '拍照圣地'],
  },
  fitness: {
    brands: ['Keep', 'lululemon', 'Decathlon 迪卡侬', '华为 Huawei'],
    products: [['瑜伽垫', 'yoga mat'], ['跑鞋', 'running shoes'], ['蛋白粉', 'protein powder'], ['运动手环', 'fitness band']],
    phrases: ['居家健身', '一周瘦三斤', '新手友好', '燃脂跟练', '体态改善'],
  },
  home: {
    brands: ['宜家 IKEA', '小米 Xiaomi', '无印良品 MUJI', '网易严选'],
    products: [['台灯', 'desk lamp'], ['香薰', 'aroma diffuser'], ['收纳盒', 'storage box'], ['扫地机器人', 'robot vacuum']],
    phrases: ['出租屋改造', '极简生活', '提升幸福感', '好物分享', '租房党必备'],
  },
  'mother-baby': {
    brands: ['好孩子 Goodbaby', '帮宝适 Pampers', 'babycare', '贝亲 Pigeon'],
    products: [['婴儿推车', 'stroller'], ['纸尿裤', 'diapers'], ['奶瓶', 'baby bottle'], ['儿童绘本', 'picture books']],
    phrases: ['新手妈妈', '宝宝辅食', '带娃神器', '孕期好物', '二胎经验'],
  },
  digital: {
    brands: ['Apple', '华为 Huawei', '小米 Xiaomi', 'Sony 索尼', '大疆 DJI'],
    products: [['蓝牙耳机', 'earbuds'], ['平板', 'tablet'], ['机械键盘', 'mechanical keyboard'], ['相机', 'camera']],
    phrases: ['学生党必备', '打工人效率', '开箱测评', '性价比之王', '数码种草'],
  },
};

const PLACES = ['成都', '上海', '北京', '杭州', '广州', '深圳', '重庆', '西安', '长沙', '厦门'];
const FEELINGS = ['真的绝了', '谁用谁知道', '闭眼入', '后悔没早点买', '已经空瓶', '姐妹们冲'];
const ENGLISH = ['Honest review', 'Worth every penny', 'My new favourite', 'Three weeks in', 'Would buy again', 'Not sponsored'];

const vocabularyOf = (topic: string): Vocabulary => VOCABULARY[topic] ?? VOCABULARY.beauty!;

export interface SeedText {
  note(topic: string, index: number): { title: string; body: string };
  product(topic: string, variant: number, index: number): { title: string; brand: string; category: string };
}

/** `rand` is a stream of its own (seed.ts gives it one), so adding words here changes no other record. */
export function seedText(rand: () => number): SeedText {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return {
    note(topic, index) {
      const v = vocabularyOf(topic);
      const [zh, en] = pick(v.products);
      const brand = pick(v.brands);
      const place = pick(PLACES);
      // Titles mix the two languages as notes do: "油皮亲妈 Dewy 爽肤水 toner", "成都 火锅 排队也值得".
      const title = pick([
        `${pick(v.phrases)} ${brand} ${zh} ${en}`,
        `${place} ${zh} ${pick(v.phrases)}`,
        `${pick(ENGLISH)}: ${brand} ${en}`,
        `${zh}${pick(FEELINGS)} #${index}`,
      ]).slice(0, 100);
      const body = `在${place}入的${brand}${zh}，${pick(FEELINGS)}。${pick(ENGLISH)} - the ${en} from ${brand}. ${pick(v.phrases)} #${topic}`;
      return { title, body };
    },
    product(topic, variant, index) {
      const v = vocabularyOf(topic);
      const [zh, en] = v.products[variant % v.products.length]!;
      const brand = v.brands[Math.floor(variant / v.products.length) % v.brands.length]!;
      return { title: `${brand} ${zh} ${en} #${index}`.slice(0, 100), brand, category: topic };
    },
  };
}
